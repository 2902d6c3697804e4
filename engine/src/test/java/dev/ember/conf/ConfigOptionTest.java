package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOptionTest {

  @Test
  void readsTheCurrentKeyBeforeDeprecatedKeysInOrder() {
    EmberConf conf =
        EmberConf.of(Map.of("ember.executorMemory", "2g", "ember.executor.heap", "3g"));
    assertThat(conf.get(TestOptions.EXECUTOR_MEMORY)).isEqualTo(3L << 30);
    assertThat(conf.with("ember.executor.memory", "4g").get(TestOptions.EXECUTOR_MEMORY))
        .isEqualTo(4L << 30);
    assertThat(EmberConf.empty().get(TestOptions.EXECUTOR_MEMORY)).isEqualTo(1L << 30);
  }

  @Test
  void badValueUnderADeprecatedKeyNamesThatKey() {
    assertThatThrownBy(
            () ->
                EmberConf.of(Map.of("ember.executor.heap", "4x")).get(TestOptions.EXECUTOR_MEMORY))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ember.executor.heap: cannot parse \"4x\" as a size; use e.g. 4g, 512m or 64k");
  }

  @Test
  void deprecatedKeysKeepTheCheck() {
    ConfigOption<Integer> renamed = TestOptions.RETRIES.withDeprecatedKeys("ember.test.tries");
    assertThat(renamed.requirement()).contains("must not be negative");
    assertThatThrownBy(() -> renamed.parse("-1"))
        .hasMessage("\"-1\" is invalid; the value must not be negative");
  }

  @Test
  void aDefaultThatFailsItsCheckIsRejectedAtDeclaration() {
    assertThatThrownBy(
            () ->
                ConfigOptions.key("ember.bad")
                    .intType()
                    .defaultValue(0)
                    .checkValue(n -> n > 0, "must be positive")
                    .withDescription("Broken."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ember.bad: the default 0 fails its own check");
  }

  @Test
  void missingValueWithoutDefaultSaysHowToSetIt() {
    assertThatThrownBy(() -> EmberConf.empty().get(CoreOptions.MEMORY_BUDGET))
        .hasMessage(
            "ember.memory.budget: no value is set and the option has no default; set it with"
                + " --conf ember.memory.budget=...");
  }
}
