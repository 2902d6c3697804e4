package dev.ember.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YarnCommandsTest {
  private static YarnCommands commands() {
    Map<String, String> options = new HashMap<>();
    for (String key : YarnCommands.REQUIRED) {
      options.put(key, "/" + key);
    }
    return new YarnCommands(options);
  }

  @Test
  void driverExecutorEngineIsEmbersCommandPlusTheOneConf() {
    Path events = Path.of("/logs/x.events.jsonl");
    List<String> ember = commands().command("ember", "trivial", "/answers/a", events);
    List<String> withDriver =
        commands().command("ember-driver-executor", "trivial", "/answers/a", events);

    List<String> expected = new ArrayList<>(ember);
    int at = expected.indexOf("--events");
    expected.addAll(at, List.of("--conf", "ember.yarn.driverExecutor.enabled=true"));
    assertThat(withDriver).isEqualTo(expected);
    assertThat(ember).doesNotContain("ember.yarn.driverExecutor.enabled=true");
  }

  @Test
  void unknownEngineNamesTheKnownOnes() {
    assertThatThrownBy(() -> commands().command("flink", "trivial", "/a", Path.of("/e")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ember, ember-driver-executor, mapreduce, spark");
  }
}
