package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.Test;

class DriverLivenessTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final DriverLiveness liveness = new DriverLiveness(Duration.ofSeconds(10), now::get);

  @Test
  void finishDecidesTheOutcomeAndLaterEventsAreIgnored() {
    liveness.finish(false, "java.lang.IllegalStateException: boom");
    liveness.disconnected("it closed its watch stream");
    now.addAndGet(Duration.ofMinutes(5).toNanos());
    liveness.check();

    assertThat(liveness.outcome())
        .contains(
            new DriverLiveness.Outcome(
                FinalApplicationStatus.FAILED, "java.lang.IllegalStateException: boom"));
  }

  @Test
  void successHasNoDiagnostics() {
    liveness.finish(true, "ignored");
    assertThat(liveness.outcome())
        .contains(new DriverLiveness.Outcome(FinalApplicationStatus.SUCCEEDED, ""));
  }

  @Test
  void aDisconnectBeforeFinishFailsTheApplication() {
    liveness.disconnected("its watch stream failed: UNAVAILABLE");
    liveness.finish(true, "");

    assertThat(liveness.outcome()).isPresent();
    assertThat(liveness.outcome().get().status()).isEqualTo(FinalApplicationStatus.FAILED);
    assertThat(liveness.outcome().get().diagnostics())
        .contains("driver", "disconnected", "UNAVAILABLE");
  }

  @Test
  void silenceLongerThanTheTimeoutFailsTheApplication() {
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    liveness.heartbeat();
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    liveness.check();
    assertThat(liveness.outcome()).as("a heartbeat restarts the timeout").isEmpty();

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    liveness.check();

    assertThat(liveness.outcome()).isPresent();
    assertThat(liveness.outcome().get().status()).isEqualTo(FinalApplicationStatus.FAILED);
    assertThat(liveness.outcome().get().diagnostics())
        .contains("no heartbeat", "ember.yarn.am.driverTimeout");
  }

  @Test
  void theTimeoutRunsFromStartUntilTheFirstHeartbeat() {
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    liveness.check();
    assertThat(liveness.outcome()).isPresent();
  }

  @Test
  void awaitReturnsTheDecidedOutcome() throws InterruptedException {
    liveness.finish(true, "");
    assertThat(liveness.await(Duration.ofMillis(10)).status())
        .isEqualTo(FinalApplicationStatus.SUCCEEDED);
  }
}
