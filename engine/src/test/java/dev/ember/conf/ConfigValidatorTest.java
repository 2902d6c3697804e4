package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  private final ConfigValidator validator = new ConfigValidator(TestOptions.registry());

  @Test
  void acceptsKnownKeysAndPassesOtherSystemsKeysThrough() {
    EmberConf conf =
        EmberConf.of(
            Map.of(
                "ember.master", "yarn",
                "ember.memory.budget", "4g",
                "spark.executor.memory", "whatever",
                "fs.defaultFS", "hdfs://nn:8020",
                "hadoop.security.authentication", "kerberos",
                "embers.not.ours", "x"));
    assertThat(validator.validate(conf)).isEmpty();
  }

  @Test
  void unknownKeySuggestsTheClosestKnownKey() {
    assertThatThrownBy(() -> validator.validate(EmberConf.of(Map.of("ember.task.maxFailure", "8"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "ember.task.maxFailure: unknown configuration key; did you mean ember.task.maxFailures?");
  }

  @Test
  void unknownKeyFarFromAnyKnownKeyHasNoSuggestion() {
    assertThatThrownBy(() -> validator.validate(EmberConf.of(Map.of("ember.sql.shuffle", "8"))))
        .hasMessage("ember.sql.shuffle: unknown configuration key");
  }

  @Test
  void badValueNamesKeyValueAndExpectedForm() {
    assertThatThrownBy(() -> validator.validate(EmberConf.of(Map.of("ember.memory.budget", "4x"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ember.memory.budget: cannot parse \"4x\" as a size; use e.g. 4g, 512m or 64k");
  }

  @Test
  void reportsEveryProblemAtOnceInKeyOrder() {
    EmberConf conf =
        EmberConf.of(
            Map.of(
                "ember.task.maxFailures", "0",
                "ember.locality.wiat", "1s",
                "ember.locality.wait.node", "soon"));
    assertThatThrownBy(() -> validator.validate(conf))
        .hasMessage(
            "3 configuration errors:\n"
                + "  ember.locality.wait.node: cannot parse \"soon\" as a duration; use e.g. 3s,"
                + " 500ms or 2min\n"
                + "  ember.locality.wiat: unknown configuration key; did you mean"
                + " ember.locality.wait?\n"
                + "  ember.task.maxFailures: \"0\" is invalid; the value must be at least 1");
  }

  @Test
  void warnsAboutDeprecatedKeys() {
    assertThat(validator.validate(EmberConf.of(Map.of("ember.executor.heap", "2g"))))
        .containsExactly("ember.executor.heap is deprecated; use ember.executor.memory instead");
    assertThat(
            validator.validate(
                EmberConf.of(Map.of("ember.executor.heap", "2g", "ember.executor.memory", "3g"))))
        .containsExactly(
            "ember.executor.heap is deprecated and ignored because ember.executor.memory is also"
                + " set");
    assertThat(
            validator.validate(
                EmberConf.of(Map.of("ember.executor.heap", "2g", "ember.executorMemory", "3g"))))
        .containsExactly(
            "ember.executor.heap is deprecated; use ember.executor.memory instead",
            "ember.executorMemory is deprecated and ignored because ember.executor.heap is also"
                + " set; use ember.executor.memory");
  }

  @Test
  void badValueUnderDeprecatedKeyIsAnError() {
    assertThatThrownBy(
            () -> validator.validate(EmberConf.of(Map.of("ember.executorMemory", "lots"))))
        .hasMessage(
            "ember.executorMemory: cannot parse \"lots\" as a size; use e.g. 4g, 512m or 64k");
  }

  @Test
  void loadedConfigurationProblemsSayWhereTheValueWasSet() {
    LoadedConf loaded =
        new LoadedConf(
            EmberConf.of(Map.of("ember.memory.budget", "4x", "ember.mastr", "yarn")),
            Map.of(
                "ember.memory.budget",
                "/etc/ember/ember-defaults.conf:12",
                "ember.mastr",
                "--conf"));
    assertThatThrownBy(() -> validator.validate(loaded))
        .hasMessage(
            "2 configuration errors:\n"
                + "  ember.mastr: unknown configuration key; did you mean ember.master? (from"
                + " --conf)\n"
                + "  ember.memory.budget: cannot parse \"4x\" as a size; use e.g. 4g, 512m or 64k"
                + " (from /etc/ember/ember-defaults.conf:12)");
  }
}
