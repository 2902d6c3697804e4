package dev.ember.io.write;

import static java.util.Objects.requireNonNull;

import dev.ember.lineage.SerializableConfiguration;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * The output commit protocol of one write job, delegating to Hadoop's {@link FileOutputCommitter}
 * (as Spark's {@code HadoopMapReduceCommitProtocol} does):
 *
 * <ol>
 *   <li>the driver calls {@link #setupJob}, which creates {@code <output>/_temporary/0};
 *   <li>each task attempt calls {@link #setupTask} and writes its files under the returned {@link
 *       TaskCommitter#workPath()} ({@code _temporary/0/_temporary/attempt_.../});
 *   <li>a finished attempt asks the {@link CommitArbiter} and, if authorized, commits: with
 *       algorithm version 1 its directory is renamed to {@code _temporary/0/task_.../}; a denied or
 *       failed attempt's directory is deleted;
 *   <li>when every task succeeded the driver calls {@link #commitJob}: the committed task
 *       directories are merged into the output directory, {@code _temporary} is deleted and {@code
 *       _SUCCESS} is written last; otherwise it calls {@link #abortJob}, which deletes {@code
 *       _temporary} so no part file becomes visible.
 * </ol>
 *
 * <p>Algorithm version 1 is set unless the caller's configuration already names one: Hadoop 3.5's
 * default (2) moves task output into the destination at task commit and so exposes partial output
 * of a failed job.
 *
 * <p>Immutable and serializable: the driver ships it to tasks inside the job's closure. Each method
 * creates its own Hadoop committer, so instances may be used from any thread.
 */
public final class FileCommitProtocol implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The Hadoop key that selects the committer's algorithm. */
  public static final String ALGORITHM_VERSION_KEY =
      "mapreduce.fileoutputcommitter.algorithm.version";

  private final String outputPath;
  private final SerializableConfiguration conf;
  private final String jobTrackerId;
  private final int jobNumber;

  private FileCommitProtocol(
      String outputPath, SerializableConfiguration conf, String jobTrackerId, int jobNumber) {
    this.outputPath = requireNonNull(outputPath, "outputPath is null");
    this.conf = requireNonNull(conf, "conf is null");
    this.jobTrackerId = requireNonNull(jobTrackerId, "jobTrackerId is null");
    this.jobNumber = jobNumber;
  }

  /**
   * Driver side: prepares {@code outputPath} for a write job and returns the protocol to ship to
   * tasks.
   *
   * @param hadoopConf the Hadoop configuration (copied; version 1 is set if no version is set)
   * @param algorithmVersionChosen whether the user chose an algorithm version explicitly, in which
   *     case {@code hadoopConf}'s value is kept
   * @param jobTrackerId with {@code jobNumber}, the Hadoop job id, unique per write job; it names
   *     task attempt directories
   * @throws UncheckedIOException naming the path if the temporary directory cannot be created
   */
  public static FileCommitProtocol setupJob(
      Configuration hadoopConf,
      boolean algorithmVersionChosen,
      String outputPath,
      String jobTrackerId,
      int jobNumber) {
    Configuration copy = new Configuration(hadoopConf);
    if (!algorithmVersionChosen) {
      copy.setInt(ALGORITHM_VERSION_KEY, 1);
    }
    FileCommitProtocol protocol =
        new FileCommitProtocol(
            outputPath, new SerializableConfiguration(copy), jobTrackerId, jobNumber);
    JobContext job = protocol.jobContext();
    try {
      new FileOutputCommitter(new Path(outputPath), job).setupJob(job);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot set up the temporary directory of output " + outputPath, e);
    }
    return protocol;
  }

  /** The output directory. */
  public String outputPath() {
    return outputPath;
  }

  /** The job's Hadoop configuration (a fresh copy). */
  public Configuration configuration() {
    return new Configuration(conf.get());
  }

  /**
   * Driver side: makes the committed task output visible and writes {@code _SUCCESS}.
   *
   * @throws UncheckedIOException naming the path if a rename or the marker fails
   */
  public void commitJob() {
    JobContext job = jobContext();
    try {
      new FileOutputCommitter(new Path(outputPath), job).commitJob(job);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the output of job to " + outputPath, e);
    }
  }

  /**
   * Driver side: deletes all temporary output of the job (committed tasks included).
   *
   * @throws IOException if the temporary directory cannot be deleted
   */
  public void abortJob() throws IOException {
    JobContext job = jobContext();
    new FileOutputCommitter(new Path(outputPath), job).abortJob(job, JobStatus.State.FAILED);
  }

  /**
   * Task side: creates the attempt's work directory.
   *
   * @param partition the task's partition index
   * @param attemptNumber the attempt number of the task (0 for the first)
   * @throws IOException if the work directory cannot be prepared
   */
  public TaskCommitter setupTask(int partition, int attemptNumber) throws IOException {
    TaskAttemptID id =
        new TaskAttemptID(jobTrackerId, jobNumber, TaskType.REDUCE, partition, attemptNumber);
    TaskAttemptContext context = new TaskAttemptContextImpl(conf.get(), id);
    FileOutputCommitter committer = new FileOutputCommitter(new Path(outputPath), context);
    committer.setupTask(context);
    return new TaskCommitter(committer, context, outputPath);
  }

  private JobContext jobContext() {
    return new JobContextImpl(conf.get(), new JobID(jobTrackerId, jobNumber));
  }
}
