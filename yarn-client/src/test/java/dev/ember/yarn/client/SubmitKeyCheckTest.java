package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.YarnOptions;
import org.junit.jupiter.api.Test;

class SubmitKeyCheckTest {
  @Test
  void tagsAreLowerCasedTrimmedAndCarryTheKey() {
    EmberConf conf =
        EmberConf.empty()
            .with("ember.yarn.tags", " Airflow, dag_Nightly ,,")
            .with("ember.yarn.submit.key", "Nightly.Load.2026-12-05");

    assertThat(SubmitKeyCheck.tags(conf))
        .containsExactly("airflow", "dag_nightly", "ember-key:nightly.load.2026-12-05");
  }

  @Test
  void noTagsWithoutTagsOrKey() {
    assertThat(SubmitKeyCheck.tags(EmberConf.empty())).isEmpty();
  }

  @Test
  void aKeyWithCharactersATagCannotHoldIsRefusedNamingTheKey() {
    EmberConf conf = EmberConf.empty().with("ember.yarn.submit.key", "a,b");

    assertThatThrownBy(() -> conf.getOptional(YarnOptions.SUBMIT_KEY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ember.yarn.submit.key");
  }

  @Test
  void anUnknownIfRunningModeIsRefused() {
    EmberConf conf = EmberConf.empty().with("ember.yarn.submit.ifRunning", "replace");

    assertThatThrownBy(() -> conf.get(YarnOptions.SUBMIT_IF_RUNNING))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fail, attach or kill");
  }

  @Test
  void aTagLongerThanYarnAllowsIsRefused() {
    EmberConf conf = EmberConf.empty().with("ember.yarn.tags", "ok," + "x".repeat(101));

    assertThatThrownBy(() -> conf.get(YarnOptions.TAGS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ember.yarn.tags");
  }
}
