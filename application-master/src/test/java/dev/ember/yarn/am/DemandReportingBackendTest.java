package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.execution.TaskDescription;
import dev.ember.scheduler.LocalityDemand;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The driver's demand reports to the ApplicationMaster. */
class DemandReportingBackendTest {
  private final AtomicInteger revived = new AtomicInteger();
  private final BlockingQueue<ExecutorDemand> sent = new LinkedBlockingQueue<>();
  private final AtomicReference<LocalityDemand> demand =
      new AtomicReference<>(new LocalityDemand(4, 4, Map.of("h1", 4), Map.of("/r1", 4)));

  @Test
  void aStageSubmittedSendsTheDemandAtOnceAndOnlyChangesAfterwards() throws Exception {
    // The periodic report never comes within the test: only nudges and direct reports count.
    try (DemandReportingBackend backend =
        new DemandReportingBackend(new FakeBackend(), Duration.ofHours(1), 3, sent::add)) {
      backend.startReporting(demand::get);

      backend.reviveOffers();

      assertThat(revived).hasValue(1);
      assertThat(sent.poll(30, TimeUnit.SECONDS)).isEqualTo(new ExecutorDemand(3, demand.get()));
      backend.report();
      assertThat(sent).as("an unchanged demand is not sent again").isEmpty();

      demand.set(LocalityDemand.none());
      backend.report();
      assertThat(sent).containsExactly(new ExecutorDemand(3, LocalityDemand.none()));
    }
  }

  @Test
  void aFailedReportIsRetried() {
    AtomicBoolean amReachable = new AtomicBoolean(false);
    try (DemandReportingBackend backend =
        new DemandReportingBackend(
            new FakeBackend(),
            Duration.ofHours(1),
            3,
            d -> {
              if (!amReachable.get()) {
                throw new IllegalStateException("UNAVAILABLE");
              }
              sent.add(d);
            })) {
      backend.startReporting(demand::get);
      backend.report();
      assertThat(sent).isEmpty();

      amReachable.set(true);
      backend.report();
      assertThat(sent).containsExactly(new ExecutorDemand(3, demand.get()));
    }
  }

  /** Counts offers revived; nothing else. */
  private final class FakeBackend implements SchedulerBackend {
    @Override
    public void start(TaskScheduler scheduler) {}

    @Override
    public void reviveOffers() {
      revived.incrementAndGet();
    }

    @Override
    public int defaultParallelism() {
      return 2;
    }

    @Override
    public void close() {}

    @Override
    public void removeCachedDataset(int datasetId) {}

    @Override
    public void launchTask(TaskDescription task) {}

    @Override
    public void killTask(TaskDescription task, String reason) {}
  }
}
