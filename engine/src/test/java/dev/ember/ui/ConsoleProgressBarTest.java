package dev.ember.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.scheduler.StageId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now = 1_000;
  private final ConsoleProgressBar bar = new ConsoleProgressBar(out, () -> now);

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void drawsCompletedPlusRunningOverTotalInPlace() {
    StageId stage = new StageId(3);
    bar.onStageSubmitted(stage, 1, "map at Job.java:10", 40);
    for (int p = 0; p < 16; p++) {
      bar.onTaskStart(stage, 1, p);
    }
    for (int p = 0; p < 12; p++) {
      bar.onTaskEnd(stage, 1, p, true);
    }
    now += ConsoleProgressBar.SHOW_AFTER_MILLIS;

    bar.refresh();

    String line = written();
    assertThat(line).startsWith("\r[Stage 3:").endsWith("(12 + 4) / 40]").doesNotContain("\n");
    assertThat(line).hasSize(1 + ConsoleProgressBar.WIDTH);
    // 12 of 40 done: the arrow is 30% along the bar.
    String inner = line.substring("\r[Stage 3:".length(), line.indexOf('('));
    assertThat(inner).matches("=+> +");
    assertThat(inner.indexOf('>')).isEqualTo(inner.length() * 12 / 40);
  }

  @Test
  void showsAStageOnlyAfterItRanAWhile() {
    bar.onStageSubmitted(new StageId(0), 1, "count at Job.java:5", 4);
    now += ConsoleProgressBar.SHOW_AFTER_MILLIS - 1;

    bar.refresh();

    assertThat(written()).isEmpty();
  }

  @Test
  void runningStagesShareTheLine() {
    bar.onStageSubmitted(new StageId(1), 1, "a", 10);
    bar.onStageSubmitted(new StageId(2), 1, "b", 20);
    bar.onTaskStart(new StageId(2), 1, 0);
    now += ConsoleProgressBar.SHOW_AFTER_MILLIS;

    bar.refresh();

    assertThat(written())
        .matches("\r\\[Stage 1:[ >=]*\\(0 \\+ 0\\) / 10\\]\\[Stage 2:[ >=]*\\(0 \\+ 1\\) / 20\\]");
  }

  @Test
  void redrawsAtMostOncePerRefreshInterval() {
    StageId stage = new StageId(0);
    bar.onStageSubmitted(stage, 1, "a", 10);
    now += ConsoleProgressBar.SHOW_AFTER_MILLIS;
    bar.refresh();
    bar.onTaskStart(stage, 1, 0);

    now += ConsoleProgressBar.REFRESH_MILLIS - 1;
    bar.refresh();
    assertThat(written()).doesNotContain("(0 + 1)");

    now += 1;
    bar.refresh();
    assertThat(written()).endsWith("(0 + 1) / 10]");
  }

  @Test
  void failedAttemptsFreeTheirSlotButDoNotCount() {
    StageId stage = new StageId(0);
    bar.onStageSubmitted(stage, 1, "a", 10);
    bar.onTaskStart(stage, 1, 0);
    bar.onTaskEnd(stage, 1, 0, false);
    now += ConsoleProgressBar.SHOW_AFTER_MILLIS;

    bar.refresh();

    assertThat(written()).endsWith("(0 + 0) / 10]");
  }

  @Test
  void erasesTheLineWhenTheLastStageEnds() {
    StageId stage = new StageId(5);
    bar.onStageSubmitted(stage, 1, "a", 2);
    now += ConsoleProgressBar.SHOW_AFTER_MILLIS;
    bar.refresh();
    int drawn = written().length() - 1;

    bar.onStageCompleted(stage, 1, true);

    String erase = "\r" + " ".repeat(drawn) + "\r";
    assertThat(written()).endsWith(erase);
    now += ConsoleProgressBar.REFRESH_MILLIS;
    bar.refresh();
    assertThat(written()).endsWith(erase); // nothing drawn again
  }

  @Test
  void anOlderAttemptsEventsAreIgnored() {
    StageId stage = new StageId(0);
    bar.onStageSubmitted(stage, 1, "a", 10);
    bar.onStageSubmitted(stage, 2, "a", 3);
    bar.onTaskStart(stage, 1, 0);
    bar.onStageCompleted(stage, 1, false);
    now += ConsoleProgressBar.SHOW_AFTER_MILLIS;

    bar.refresh();

    assertThat(written()).endsWith("(0 + 0) / 3]");
  }
}
