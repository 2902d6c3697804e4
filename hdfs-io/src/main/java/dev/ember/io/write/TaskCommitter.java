package dev.ember.io.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;

/**
 * The task-side half of {@link FileCommitProtocol} for one task attempt: where to write, and how to
 * commit or abort. Owned by one task thread.
 */
public final class TaskCommitter {
  private final FileOutputCommitter committer;
  private final TaskAttemptContext context;
  private final String outputPath;
  private final Path workPath;

  TaskCommitter(FileOutputCommitter committer, TaskAttemptContext context, String outputPath)
      throws IOException {
    this.workPath = committer.getWorkPath();
    this.committer = requireNonNull(committer, "committer is null");
    this.context = requireNonNull(context, "context is null");
    this.outputPath = requireNonNull(outputPath, "outputPath is null");
  }

  /** The attempt's private directory; files written under it become visible only on job commit. */
  public Path workPath() {
    return workPath;
  }

  /**
   * Commits the attempt's output if {@code arbiter} authorizes {@code attempt}; otherwise deletes
   * it and throws.
   *
   * @throws CommitDeniedException if another attempt of the partition won the right to commit
   * @throws IOException if the rename of the attempt directory fails
   */
  public void commit(TaskAttempt attempt, CommitArbiter arbiter) throws IOException {
    if (!committer.needsTaskCommit(context)) {
      return;
    }
    if (!arbiter.canCommit(attempt)) {
      abort();
      throw new CommitDeniedException(attempt, outputPath);
    }
    committer.commitTask(context);
  }

  /**
   * Deletes the attempt's output.
   *
   * @throws IOException if the attempt directory cannot be deleted
   */
  public void abort() throws IOException {
    committer.abortTask(context);
  }
}
