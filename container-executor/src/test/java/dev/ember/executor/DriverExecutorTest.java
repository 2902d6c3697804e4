package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.TaskContext;
import dev.ember.cluster.ClusterManager;
import dev.ember.cluster.DriverServices;
import dev.ember.cluster.ExecutorLauncher;
import dev.ember.cluster.RemoteSchedulerBackend;
import dev.ember.rpc.RpcSecret;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.StageSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher's driver executor ({@link ExecutorLauncher#driverExecutorId}, the AM's {@code
 * ember.yarn.driverExecutor.enabled}): the backend starts jobs as soon as it registered, gives it
 * tasks only while the other executors are missing, and the others read the shuffle outputs it
 * wrote. The "other" executor here is a second {@link InProcessExecutor} that the test starts when
 * it chooses, so that which executor may run what is decided by the test, not by timing.
 */
class DriverExecutorTest {
  /** The launcher of the running test; the test cluster manager hands it to the backend. */
  private static final AtomicReference<GatedLauncher> LAUNCHER = new AtomicReference<>();

  private static final AtomicReference<RemoteSchedulerBackend> BACKEND = new AtomicReference<>();

  @TempDir Path tmp;

  @Test
  void jobsRunOnTheDriverExecutorUntilTheOthersRegisterWhoThenReadItsShuffleOutputs()
      throws Exception {
    GatedLauncher launcher = new GatedLauncher(tmp);
    LAUNCHER.set(launcher);
    try (EmberSession ember =
        EmberSession.builder().appName("driver-executor").master("test-driver-executor").build()) {
      List<JobSummary> jobs = new CopyOnWriteArrayList<>();
      ember.addJobListener(jobs::add);
      // Only the driver executor exists: the session started without waiting for executor 1.
      assertThat(BACKEND.get().executorIds()).containsExactly("driver");
      // The driver executor's 4 slots do not count: only the 2 the launcher expects.
      assertThat(ember.defaultParallelism()).isEqualTo(2);
      var counts =
          ember
              .parallelize(IntStream.range(0, 1_000).boxed().toList(), 4)
              .mapToPair(x -> Pair.of(x % 10, 1L))
              .reduceByKey(Long::sum, 3);
      assertThat(executorsOf(counts.dataset().mapPartitions(DriverExecutorTest::whereAmI)))
          .containsExactly("driver");

      launcher.startOther();
      awaitRegistered("1");
      assertThat(ember.defaultParallelism()).isEqualTo(2);
      // The map outputs are still those the driver executor wrote: executor 1 fetches them.
      List<Pair<Integer, String>> reduced =
          counts
              .dataset()
              .mapPartitions(
                  it -> {
                    String here = executorId();
                    List<Pair<Integer, String>> out = new ArrayList<>();
                    it.forEachRemaining(p -> out.add(Pair.of(p.key(), p.value() + "@" + here)));
                    return out.iterator();
                  })
              .collect();
      assertThat(jobs.get(1).stages())
          .as("the second job reads the first job's map outputs")
          .anyMatch(StageSummary::skipped);
      assertThat(reduced).hasSize(10).allSatisfy(p -> assertThat(p.value()).isEqualTo("100@1"));
      assertThat(
              executorsOf(
                  ember
                      .parallelize(List.of(1, 2, 3, 4, 5, 6), 6)
                      .mapPartitions(DriverExecutorTest::whereAmI)))
          .containsExactly("1");
    } finally {
      LAUNCHER.set(null);
      BACKEND.set(null);
    }
  }

  private static TreeSet<String> executorsOf(dev.ember.Dataset<String> where) {
    return new TreeSet<>(where.collect());
  }

  private static Iterator<String> whereAmI(Iterator<?> partition) {
    partition.forEachRemaining(x -> {});
    return List.of(executorId()).iterator();
  }

  private static String executorId() {
    return TaskContext.get().orElseThrow().env().executorId();
  }

  private static void awaitRegistered(String executorId) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!BACKEND.get().executorIds().contains(executorId)) {
      assertThat(System.nanoTime())
          .as("executor %s never registered", executorId)
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /**
   * Starts the driver executor at launch and "executor 1" (the one the backend waits for) only when
   * the test says.
   */
  static final class GatedLauncher implements ExecutorLauncher {
    private final Path dir;
    private final RpcSecret secret = RpcSecret.generate();
    private final List<InProcessExecutor> started = new ArrayList<>();
    private String driverAddress;

    GatedLauncher(Path dir) {
      this.dir = dir;
    }

    RpcSecret secret() {
      return secret;
    }

    @Override
    public synchronized void launch(String driverAddress) {
      this.driverAddress = driverAddress;
      started.add(start("driver", 4));
    }

    synchronized void startOther() {
      started.add(start("1", 2));
    }

    private InProcessExecutor start(String id, int cores) {
      return InProcessExecutor.start(
          new ExecutorSpec(driverAddress, id, "127.0.0.1", cores, 64L << 20, List.of(dir)), secret);
    }

    @Override
    public int expectedExecutors() {
      return 1;
    }

    @Override
    public int expectedCores() {
      return 2;
    }

    @Override
    public Optional<String> driverExecutorId() {
      return Optional.of("driver");
    }

    @Override
    public synchronized void close() {
      started.forEach(InProcessExecutor::close);
    }
  }

  /** {@code test-driver-executor}: a {@link RemoteSchedulerBackend} with the test's launcher. */
  public static final class TestClusterManager implements ClusterManager {
    @Override
    public boolean canCreate(String master) {
      return master.equals("test-driver-executor");
    }

    @Override
    public SchedulerBackend createBackend(String master, DriverServices services) {
      GatedLauncher launcher = LAUNCHER.get();
      RemoteSchedulerBackend backend =
          new RemoteSchedulerBackend(services, launcher.secret(), "127.0.0.1", launcher);
      BACKEND.set(backend);
      return backend;
    }
  }
}
