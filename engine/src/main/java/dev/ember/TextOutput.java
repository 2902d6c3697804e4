package dev.ember;

import dev.ember.commit.ApplicationOutputMarker;
import dev.ember.lineage.SerializableConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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
 * {@code saveAsTextFile}: one part file per partition, committed with Hadoop's {@link
 * FileOutputCommitter}. Algorithm version 1 is set unless the user set one, because Hadoop 3.5's
 * default (2) exposes partial output of a failed job. Task attempts write under {@code _temporary};
 * the job commit moves their output into place and writes {@code _SUCCESS}; a failed job is aborted
 * and leaves no part files. An output directory holding only the uncommitted output of an earlier
 * attempt of the same application (its driver was killed) is aborted and written again ({@link
 * ApplicationOutputMarker}). (Output-commit arbitration between concurrent attempts and save modes
 * come with the hdfs-io module.)
 */
final class TextOutput {
  private static final String ALGORITHM_VERSION = "mapreduce.fileoutputcommitter.algorithm.version";

  private TextOutput() {}

  static <T> void save(Dataset<T> dataset, String path) {
    Configuration hadoopConf = new Configuration(dataset.session().hadoopConfiguration());
    if (!dataset.session().conf().contains("ember.hadoop." + ALGORITHM_VERSION)) {
      hadoopConf.set(ALGORITHM_VERSION, "1");
    }
    Path output = new Path(path);
    try {
      FileSystem fs = output.getFileSystem(hadoopConf);
      boolean earlierAttempt =
          ApplicationOutputMarker.abortEarlierAttempt(fs, output, dataset.session().appId());
      if (!earlierAttempt && fs.exists(output)) {
        throw new IllegalArgumentException(
            "saveAsTextFile: output directory "
                + fs.makeQualified(output)
                + " already exists; delete it or write to another path");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("saveAsTextFile: cannot check output path " + path, e);
    }
    String jobTracker = "ember" + System.currentTimeMillis();
    int jobNumber = dataset.id();
    JobContext job = new JobContextImpl(hadoopConf, new JobID(jobTracker, jobNumber));
    FileOutputCommitter committer;
    try {
      committer = new FileOutputCommitter(output, job);
      committer.setupJob(job);
      ApplicationOutputMarker.mark(
          output.getFileSystem(hadoopConf), output, dataset.session().appId());
    } catch (IOException e) {
      throw new UncheckedIOException("saveAsTextFile: cannot set up output " + path, e);
    }
    SerializableConfiguration conf = new SerializableConfiguration(hadoopConf);
    String outputPath = output.toString();
    try {
      dataset
          .session()
          .runJob(
              dataset,
              (ctx, it) -> {
                writePartition(conf, outputPath, jobTracker, jobNumber, ctx, it);
                return Boolean.TRUE;
              },
              java.util.stream.IntStream.range(0, dataset.numPartitions()).boxed().toList());
      committer.commitJob(job);
    } catch (RuntimeException | IOException e) {
      try {
        committer.abortJob(job, JobStatus.State.FAILED);
      } catch (IOException abortError) {
        e.addSuppressed(abortError);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("saveAsTextFile: cannot commit output " + path, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static <T> void writePartition(
      SerializableConfiguration conf,
      String outputPath,
      String jobTracker,
      int jobNumber,
      TaskContext ctx,
      Iterator<T> it)
      throws IOException {
    TaskAttemptID attemptId =
        new TaskAttemptID(
            jobTracker, jobNumber, TaskType.REDUCE, ctx.partitionId(), ctx.outputAttemptNumber());
    TaskAttemptContext attempt = new TaskAttemptContextImpl(conf.get(), attemptId);
    Path output = new Path(outputPath);
    FileOutputCommitter committer = new FileOutputCommitter(output, attempt);
    committer.setupTask(attempt);
    Path file = new Path(committer.getWorkPath(), String.format("part-%05d", ctx.partitionId()));
    try {
      try (OutputStream out = file.getFileSystem(conf.get()).create(file, false)) {
        long records = 0;
        while (it.hasNext()) {
          out.write(String.valueOf(it.next()).getBytes(StandardCharsets.UTF_8));
          out.write('\n');
          records++;
        }
        ctx.metrics().addRecordsWritten(records);
      }
      if (committer.needsTaskCommit(attempt)) {
        boolean allowed =
            ctx.env()
                .driver()
                .canCommit(
                    ctx.stageId(), ctx.stageAttempt(), ctx.partitionId(), ctx.attemptNumber());
        if (!allowed) {
          committer.abortTask(attempt);
          throw new IllegalStateException(
              "another attempt of partition "
                  + ctx.partitionId()
                  + " already committed its output");
        }
        committer.commitTask(attempt);
      }
    } catch (IOException | RuntimeException e) {
      committer.abortTask(attempt);
      throw e;
    }
  }
}
