package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Broadcast;
import dev.ember.CollectionAccumulator;
import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.JobFailedException;
import dev.ember.LongAccumulator;
import dev.ember.Pair;
import dev.ember.PairDataset;
import dev.ember.TaskContext;
import dev.ember.rpc.RpcChannels;
import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.proto.BroadcastBytesRequest;
import dev.ember.rpc.proto.DriverServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on {@code local-cluster[2,1,512]}: two executor JVMs, so that tasks, shuffle blocks,
 * broadcasts, accumulators and results cross process boundaries over the authenticated RPC layer.
 */
class LocalClusterTest {
  private static EmberSession ember;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    ember =
        EmberSession.builder()
            .appName("local-cluster-test")
            .master("local-cluster[2,1,512]")
            .build();
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  private static String executorId() {
    return TaskContext.get().orElseThrow().env().executorId();
  }

  @Test
  void wordCountMatchesJavaAndItsShuffleCrossesExecutors() {
    List<String> vocabulary = IntStream.range(0, 40).mapToObj(i -> "w" + i).toList();
    Random random = new Random(42);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      lines.add(
          IntStream.range(0, 8)
              .mapToObj(j -> vocabulary.get(random.nextInt(vocabulary.size())))
              .collect(Collectors.joining(" ")));
    }
    CollectionAccumulator<String> mapExecutors = ember.collectionAccumulator("map executors");
    CollectionAccumulator<String> reduceExecutors = ember.collectionAccumulator("reduce executors");

    Map<String, Integer> counts =
        ember
            .parallelize(lines, 4)
            .mapPartitions(
                it -> {
                  mapExecutors.add(executorId());
                  return it;
                })
            .flatMap(line -> List.of(line.split(" ")).iterator())
            .mapToPair(w -> Pair.of(w, 1))
            .reduceByKey(Integer::sum, 3)
            .dataset()
            .mapPartitions(
                it -> {
                  reduceExecutors.add(executorId());
                  return it;
                })
            .mapToPair(p -> p)
            .collectAsMap();

    Map<String, Integer> expected =
        lines.stream()
            .flatMap(l -> List.of(l.split(" ")).stream())
            .collect(Collectors.toMap(Function.identity(), w -> 1, Integer::sum));
    assertThat(counts).isEqualTo(expected);
    // Map outputs were written on both executors, and every reducer reads a block from each map
    // output (every word is in every map partition), so each reducer fetched from the other JVM.
    assertThat(new HashSet<>(mapExecutors.value())).containsExactlyInAnyOrder("1", "2");
    assertThat(reduceExecutors.value()).hasSize(3);
  }

  @Test
  void joinAndSortByKeyMatchJava() {
    List<Pair<Integer, Integer>> left =
        IntStream.range(0, 500).mapToObj(i -> Pair.of(i % 50, i)).toList();
    List<Pair<Integer, String>> right =
        IntStream.range(25, 75).mapToObj(k -> Pair.of(k, "v" + k)).toList();

    List<Pair<Integer, Pair<Integer, String>>> joined =
        ember.parallelizePairs(left, 3).join(ember.parallelizePairs(right, 2)).collect();

    List<Pair<Integer, Pair<Integer, String>>> expected = new ArrayList<>();
    for (Pair<Integer, Integer> l : left) {
      if (l.key() >= 25 && l.key() < 75) {
        expected.add(Pair.of(l.key(), Pair.of(l.value(), "v" + l.key())));
      }
    }
    assertThat(joined).containsExactlyInAnyOrderElementsOf(expected);

    Random random = new Random(7);
    List<Pair<Integer, Integer>> unsorted =
        IntStream.range(0, 1_000).mapToObj(i -> Pair.of(random.nextInt(10_000), i)).toList();
    PairDataset<Integer, Integer> sorted = ember.parallelizePairs(unsorted, 4).sortByKey();
    List<Integer> keys = sorted.keys().collect();
    assertThat(keys).isEqualTo(unsorted.stream().map(Pair::key).sorted().toList());
  }

  @Test
  void cachedPartitionsAreComputedOnce() {
    LongAccumulator computed = ember.longAccumulator("computed");
    Dataset<Integer> doubled =
        ember
            .parallelize(IntStream.range(0, 1_000).boxed().toList(), 4)
            .map(
                x -> {
                  computed.add(1L);
                  return x * 2;
                })
            .cache();

    assertThat(doubled.count()).isEqualTo(1_000);
    assertThat(doubled.reduce(Integer::sum)).isEqualTo(999 * 1_000);
    assertThat(computed.value()).isEqualTo(1_000);
  }

  @Test
  void broadcastAndAccumulatorWork() {
    Map<Integer, String> names = new TreeMap<>(Map.of(1, "one", 2, "two", 3, "three"));
    Broadcast<Map<Integer, String>> lookup = ember.broadcast(names);
    LongAccumulator misses = ember.longAccumulator("misses");

    List<String> named =
        ember
            .parallelize(List.of(1, 2, 3, 4, 5, 1), 3)
            .map(
                x -> {
                  String name = lookup.value().get(x);
                  if (name == null) {
                    misses.add(1L);
                    return "?";
                  }
                  return name;
                })
            .collect();

    assertThat(named).containsExactly("one", "two", "three", "?", "?", "one");
    assertThat(misses.value()).isEqualTo(2);
  }

  /** Thrown by the user function under test. */
  static final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
      super(message);
    }
  }

  @Test
  void aFailingTaskIsRetriedThenFailsTheJobWithTheUsersException() throws IOException {
    Path attemptsLog = Files.createFile(tmp.resolve("attempts.log"));
    String path = attemptsLog.toString();
    Dataset<Integer> failing =
        ember
            .parallelize(IntStream.range(0, 4).boxed().toList(), 2)
            .map(
                x -> {
                  if (x == 3) {
                    Files.writeString(
                        Path.of(path), executorId() + "\n", StandardOpenOption.APPEND);
                    throw new UserError("cannot handle " + x);
                  }
                  return x;
                });

    assertThatThrownBy(failing::collect)
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("failed 4 times")
        .cause()
        .isInstanceOf(UserError.class)
        .hasMessage("cannot handle 3");
    assertThat(Files.readAllLines(attemptsLog)).hasSize(4);
  }

  @Test
  void callsWithoutTheApplicationsSecretAreRejected() {
    String driver = driverAddressOfTheExecutors();
    ManagedChannel anonymous = NettyChannelBuilder.forTarget(driver).usePlaintext().build();
    ManagedChannel impostor = RpcChannels.open(driver, RpcSecret.generate());
    try {
      for (ManagedChannel channel : List.of(anonymous, impostor)) {
        assertThatThrownBy(
                () ->
                    DriverServiceGrpc.newBlockingStub(channel)
                        .broadcastBytes(
                            BroadcastBytesRequest.newBuilder().setBroadcastId(1).build()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      }
    } finally {
      RpcChannels.close(anonymous);
      RpcChannels.close(impostor);
    }
    // The cluster is unaffected.
    assertThat(ember.parallelize(List.of(1, 2, 3), 2).count()).isEqualTo(3);
  }

  /** The driver address from the executor processes' command lines (the secret is not there). */
  static String driverAddressOfTheExecutors() {
    List<String> args =
        executorProcesses().stream()
            .findFirst()
            .map(LocalClusterTest::commandLine)
            .orElseThrow(() -> new AssertionError("no executor process found"));
    return args.get(args.indexOf("--driver") + 1);
  }

  /** The live child JVMs running {@link ExecutorMain}. */
  static List<ProcessHandle> executorProcesses() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> commandLine(p).contains(ExecutorMain.class.getName()))
        .toList();
  }

  /** A process's arguments, from /proc where the JDK cannot tell (long command lines). */
  static List<String> commandLine(ProcessHandle p) {
    try {
      return List.of(
          Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).split("\0"));
    } catch (IOException e) {
      return p.info().arguments().map(List::of).orElse(List.of());
    }
  }
}
