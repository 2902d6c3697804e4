package dev.ember.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YarnReportTest {
  private static final List<String> ENGINES =
      List.of("ember", "ember-driver-executor", "mapreduce", "spark");

  @TempDir Path dir;

  private final List<YarnRun> runs = new ArrayList<>();
  private final Map<String, String> answers = new HashMap<>();

  private void run(String engine, int round, long millis, String answer) {
    String name = engine + "-trivial-r" + round;
    runs.add(
        new YarnRun(
            engine,
            "trivial",
            round,
            0,
            millis,
            Instant.parse("2026-12-05T12:00:00Z"),
            "/answers/" + name,
            dir.resolve("logs").resolve(name + ".log")));
    answers.put("/answers/" + name, answer);
  }

  private YarnReport report(Map<String, String> options) {
    return new YarnReport(
        options, ENGINES, List.of("trivial"), runs, answers, dir.resolve("logs"), "1", "2");
  }

  /** Engines run in this order within a round; the runs list is in execution order. */
  private void rounds(long[]... millisPerRound) {
    for (int round = 1; round <= millisPerRound.length; round++) {
      for (int e = 0; e < ENGINES.size(); e++) {
        run(ENGINES.get(e), round, millisPerRound[round - 1][e], "10");
      }
    }
  }

  @Test
  void eachEmberVariantIsComparedWithEachPeerRoundByRound() {
    rounds(new long[] {4000, 2000, 40000, 20000}, new long[] {6000, 3000, 30000, 10000});
    YarnReport report = report(Map.of("reps", "2"));

    assertThat(report.ratio("ember", "spark", "trivial").get().format(2))
        .isEqualTo("0.40 (0.20–0.60)");
    assertThat(report.ratio("ember-driver-executor", "spark", "trivial").get().format(2))
        .isEqualTo("0.20 (0.10–0.30)");
    assertThat(report.ratio("ember-driver-executor", "ember", "trivial").get().format(2))
        .isEqualTo("0.50 (0.50–0.50)");
  }

  @Test
  void reportHasBothEmberVariantsInEveryTable() throws Exception {
    System.setProperty("java.awt.headless", "true");
    rounds(new long[] {4000, 2000, 40000, 20000});
    Files.createDirectories(dir.resolve("logs"));
    YarnReport report = report(Map.of("reps", "1", "ember-version", "9.9"));
    report.write(dir);

    String md = Files.readString(dir.resolve("results.md"), StandardCharsets.UTF_8);
    assertThat(md)
        .contains("| Ember 9.9 | Ember 9.9, ember.yarn.driverExecutor.enabled=true |")
        .contains(
            "| workload | ember / mapreduce | ember / spark | ember-driver-executor / mapreduce"
                + " | ember-driver-executor / spark | ember-driver-executor / ember |")
        .contains("| trivial | 0.10 (0.10–0.10) | 0.20 (0.20–0.20) | 0.05 (0.05–0.05) |")
        .contains("| trivial | ember | met (0.20) | met (0.10) |")
        .contains("| trivial | ember-driver-executor | met (0.10) | met (0.05) |")
        .contains("## Where Ember's trivial application spends its time: ember\n")
        .contains("## Where Ember's trivial application spends its time: ember-driver-executor\n");
    assertThat(Files.readAllLines(dir.resolve("runs.csv")))
        .anyMatch(l -> l.startsWith("ember-driver-executor,trivial,1,false,0,2000,"));
  }

  @Test
  void differingAnswerOfTheDriverExecutorVariantInvalidatesTheWorkload() {
    rounds(new long[] {4000, 2000, 40000, 20000});
    answers.put("/answers/ember-driver-executor-trivial-r1", "11");

    assertThat(report(Map.of()).valid("trivial")).isFalse();
  }
}
