package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Dataset;
import dev.ember.JobFailedException;
import dev.ember.TaskContext;
import dev.ember.io.write.CommitDeniedException;
import dev.ember.io.write.DirectoryFunction;
import dev.ember.io.write.FileCommitProtocol;
import dev.ember.io.write.FormatWriter;
import dev.ember.io.write.PartFileWriter;
import dev.ember.io.write.TaskAttempt;
import dev.ember.io.write.WriteTask;
import dev.ember.scheduler.OutputCommitCoordinator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output commit protocol on HDFS: retries, failed jobs, and competing attempts. */
class CommitProtocolTest {
  @TempDir static Path base;
  private static HdfsFixture cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = HdfsFixture.start(base, Map.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** Thrown by the user function under test. */
  static final class InjectedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFailure(String message) {
      super(message);
    }
  }

  private static List<String> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).sorted().toList();
  }

  @Test
  void aTaskThatFailsHalfwayAndSucceedsOnRetryWritesEachRecordOnce() throws IOException {
    Dataset<Integer> data =
        cluster
            .ember()
            .parallelize(IntStream.rangeClosed(1, 100).boxed().toList(), 4)
            .map(
                x -> {
                  // Partition 1 holds 26..50: its first attempt dies after writing 26..39.
                  if (x == 40 && TaskContext.get().orElseThrow().attemptNumber() == 0) {
                    throw new InjectedFailure("dies halfway through partition 1");
                  }
                  return x;
                });
    String out = cluster.uri("/commit/retry");

    long written = TextSink.save(data, out);

    assertThat(written).isEqualTo(100);
    assertThat(cluster.partLines(out)).isEqualTo(numbers(1, 100));
    assertThat(cluster.files(out))
        .containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002", "part-00003");
  }

  @Test
  void aFailedJobLeavesNoPartFilesAndNoSuccessMarker() throws IOException {
    Dataset<Integer> data =
        cluster
            .ember()
            .parallelize(IntStream.rangeClosed(1, 100).boxed().toList(), 4)
            .map(
                x -> {
                  if (x == 80) {
                    throw new InjectedFailure("partition 3 always fails");
                  }
                  return x;
                });
    String out = cluster.uri("/commit/failed");

    assertThatThrownBy(() -> TextSink.save(data, out))
        .isInstanceOf(JobFailedException.class)
        .hasRootCauseInstanceOf(InjectedFailure.class);

    assertThat(cluster.fs().exists(new org.apache.hadoop.fs.Path(out))).isFalse();
    // Nothing is left behind, so the same write can simply be run again.
    TextSink.save(cluster.ember().parallelize(List.of(1, 2), 1), out);
    assertThat(cluster.partLines(out)).containsExactly("1", "2");
  }

  @Test
  void aFailedAppendLeavesTheExistingOutputAsItWas() throws IOException {
    String out = cluster.uri("/commit/failed-append");
    TextSink.save(cluster.ember().parallelize(List.of("old"), 1), out);
    List<String> before = cluster.files(out);
    Dataset<String> failing =
        cluster
            .ember()
            .parallelize(List.of("a", "b", "c"), 3)
            .map(
                s -> {
                  if (s.equals("c")) {
                    throw new InjectedFailure("fails");
                  }
                  return s;
                });

    assertThatThrownBy(() -> TextSink.save(failing, out, SaveMode.APPEND))
        .isInstanceOf(JobFailedException.class);

    assertThat(cluster.files(out)).isEqualTo(before);
    assertThat(cluster.partLines(out)).containsExactly("old");
  }

  /**
   * Two attempts of partition 3 both finish (as a slow attempt and its retry or speculative copy
   * would): the task-side routine runs for each with the driver's real commit coordinator, and only
   * the attempt authorized first has its output committed.
   */
  @Test
  void onlyOneOfTwoFinishingAttemptsOfATaskCommits() throws IOException {
    String out = cluster.uri("/commit/two-attempts");
    FileCommitProtocol protocol =
        FileCommitProtocol.setupJob(
            cluster.ember().hadoopConfiguration(), false, out, "emberTest", 7);
    WriteTask<String> task =
        new WriteTask<>(protocol, new Lines(), DirectoryFunction.none(), "", false);
    OutputCommitCoordinator coordinator = new OutputCommitCoordinator();
    TaskAttempt first = new TaskAttempt(5, 0, 3, 0);
    TaskAttempt second = new TaskAttempt(5, 0, 3, 1);
    var arbiter =
        (dev.ember.io.write.CommitArbiter)
            a ->
                coordinator.canCommit(
                    a.stageId(), a.stageAttempt(), a.partition(), a.attemptNumber());

    assertThat(task.run(first, arbiter, List.of("from-0a", "from-0b").iterator())).isEqualTo(2);
    assertThatThrownBy(() -> task.run(second, arbiter, List.of("from-1").iterator()))
        .isInstanceOf(CommitDeniedException.class)
        .hasMessageContaining("attempt 1 of partition 3")
        .hasMessageContaining(out);
    // Algorithm version 1: committed task output stays under _temporary until the job commits.
    assertThat(cluster.children(out)).containsExactly("_temporary");

    protocol.commitJob();

    assertThat(cluster.files(out)).containsExactly("_SUCCESS", "part-00003");
    assertThat(cluster.read(out + "/part-00003")).isEqualTo("from-0a\nfrom-0b\n");
  }

  /**
   * Task attempt numbers restart when a stage is resubmitted, while the earlier stage attempt's
   * task may still be writing: the two attempts numbered 0 must not share a work directory (one's
   * abort would delete the other's files).
   */
  @Test
  void sameNumberedAttemptsOfTwoStageAttemptsWriteToDifferentDirectories() throws IOException {
    FileCommitProtocol protocol =
        FileCommitProtocol.setupJob(
            cluster.ember().hadoopConfiguration(),
            false,
            cluster.uri("/commit/stage-attempts"),
            "emberTest",
            8);
    TaskAttempt zombie = new TaskAttempt(5, 0, 3, 0);
    TaskAttempt resubmitted = new TaskAttempt(5, 1, 3, 0);
    assertThat(protocol.setupTask(3, zombie.outputAttemptNumber()).workPath())
        .isNotEqualTo(protocol.setupTask(3, resubmitted.outputAttemptNumber()).workPath());
    protocol.abortJob();
  }

  /** Newline-terminated strings, for driving the task-side routine directly. */
  private static final class Lines implements FormatWriter<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String extension() {
      return "";
    }

    @Override
    public PartFileWriter<String> open(OutputStream out) {
      return new PartFileWriter<>() {
        @Override
        public void write(String record) throws IOException {
          out.write((record + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }
  }
}
