package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreOptionsTest {

  /** Pins every default: changing one is a user-visible change and must be deliberate. */
  @Test
  void everyDefaultIsPinned() {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (ConfigOption<?> option :
        OptionRegistry.ofClasses(java.util.List.of(CoreOptions.class)).groups().get(0).options()) {
      defaults.put(option.key(), formattedDefault(option));
    }
    assertThat(defaults)
        .containsExactly(
            Map.entry("ember.app.name", "ember-application"),
            Map.entry("ember.default.parallelism", "(none)"),
            Map.entry("ember.excludeOnFailure.application.maxFailedExecutorsPerNode", "2"),
            Map.entry("ember.excludeOnFailure.application.maxFailedTasksPerExecutor", "2"),
            Map.entry("ember.excludeOnFailure.enabled", "false"),
            Map.entry("ember.excludeOnFailure.stage.maxFailedExecutorsPerNode", "2"),
            Map.entry("ember.excludeOnFailure.stage.maxFailedTasksPerExecutor", "2"),
            Map.entry("ember.excludeOnFailure.task.maxTaskAttemptsPerExecutor", "1"),
            Map.entry("ember.excludeOnFailure.task.maxTaskAttemptsPerNode", "2"),
            Map.entry("ember.excludeOnFailure.timeout", "1h"),
            Map.entry("ember.excludeOnFailure.unschedulableTaskSetTimeout", "2min"),
            Map.entry("ember.local.dirs", "(none)"),
            Map.entry("ember.locality.wait", "3s"),
            Map.entry("ember.locality.wait.legacyResetOnTaskLaunch", "false"),
            Map.entry("ember.locality.wait.node", "(none)"),
            Map.entry("ember.locality.wait.process", "(none)"),
            Map.entry("ember.locality.wait.rack", "(none)"),
            Map.entry("ember.master", "local[*]"),
            Map.entry("ember.memory.budget", "(none)"),
            Map.entry("ember.memory.fraction", "0.6"),
            Map.entry("ember.memory.storageFraction", "0.5"),
            Map.entry("ember.shuffle.file.buffer", "32k"),
            Map.entry("ember.speculation", "false"),
            Map.entry("ember.speculation.interval", "100ms"),
            Map.entry("ember.speculation.minTaskRuntime", "100ms"),
            Map.entry("ember.speculation.multiplier", "1.5"),
            Map.entry("ember.speculation.quantile", "0.75"),
            Map.entry("ember.stage.maxConsecutiveAttempts", "4"),
            Map.entry("ember.task.maxFailures", "4"),
            Map.entry("ember.ui.showConsoleProgress", "true"));
  }

  @Test
  void rangeChecksRejectValuesOutOfRange() {
    assertThatThrownBy(
            () ->
                EmberConf.empty()
                    .with("ember.task.maxFailures", "0")
                    .get(CoreOptions.TASK_MAX_FAILURES))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ember.task.maxFailures: \"0\" is invalid; the value must be at least 1");
    assertThatThrownBy(() -> EmberConf.empty().with(CoreOptions.MEMORY_FRACTION, 1.5))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "ember.memory.fraction: 1.5 is invalid; the value must be greater than 0 and at most 1");
    assertThatThrownBy(
            () ->
                EmberConf.empty()
                    .with("ember.memory.storageFraction", "NaN")
                    .get(CoreOptions.MEMORY_STORAGE_FRACTION))
        .hasMessage(
            "ember.memory.storageFraction: \"NaN\" is invalid; the value must be between 0 and 1");
    assertThat(
            EmberConf.empty()
                .with(CoreOptions.MEMORY_STORAGE_FRACTION, 0.0)
                .get(CoreOptions.MEMORY_STORAGE_FRACTION))
        .isEqualTo(0.0);
  }

  private static <T> String formattedDefault(ConfigOption<T> option) {
    return option.defaultValue().map(option.type()::format).orElse("(none)");
  }
}
