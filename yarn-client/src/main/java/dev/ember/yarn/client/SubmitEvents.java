package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageSummary;
import dev.ember.scheduler.TaskLocality;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * ember-submit's JSON event stream ({@code --events FILE|-}): one JSON object per line, flushed
 * after each, for orchestrators that would otherwise scrape the human output. Every object has
 * {@code "event"} (its kind) and {@code "time"} (ISO-8601, UTC); the schema is in {@code
 * docs/events.md}. The submission events ({@code submitted}, {@code state}, {@code final}) come
 * from the {@link ApplicationMonitor}; the job and stage events are for a driver running in the
 * ember-submit JVM (client deploy mode). Thread-safe: the driver's scheduler threads may call it
 * concurrently with the monitor. Write failures are thrown as {@link UncheckedIOException}.
 */
public final class SubmitEvents implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Writer> out;
  private final boolean closeOut;
  private final Clock clock;

  private SubmitEvents(Optional<Writer> out, boolean closeOut, Clock clock) {
    this.out = requireNonNull(out, "out is null");
    this.closeOut = closeOut;
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** A stream that writes nothing (no {@code --events}). */
  public static SubmitEvents none() {
    return new SubmitEvents(Optional.empty(), false, Clock.systemUTC());
  }

  /** Writes to {@code out}, which {@link #close} closes only if {@code closeOut}. */
  static SubmitEvents to(OutputStream out, boolean closeOut, Clock clock) {
    return new SubmitEvents(
        Optional.of(new OutputStreamWriter(out, StandardCharsets.UTF_8)), closeOut, clock);
  }

  /**
   * Opens the target of {@code --events}: {@code -} for {@code stdout} (left open), else a file,
   * created or truncated.
   *
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} naming the file if it cannot be
   *     created
   */
  static SubmitEvents open(String target, PrintStream stdout) throws SubmitException {
    if (target.equals("-")) {
      return to(stdout, false, Clock.systemUTC());
    }
    try {
      return to(Files.newOutputStream(Path.of(target)), true, Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR,
          "--events " + target + ": cannot create the file: " + e.getMessage(),
          e);
    }
  }

  /** The application was accepted by the ResourceManager. */
  public void submitted(ApplicationId appId, String trackingUrl, String user, String queue) {
    ObjectNode e = event("submitted");
    e.put("applicationId", appId.toString());
    e.put("trackingUrl", trackingUrl);
    e.put("user", user);
    e.put("queue", queue);
    write(e);
  }

  /**
   * ember-submit follows an application that was already running with the same {@code
   * ember.yarn.submit.key} instead of submitting ({@code ember.yarn.submit.ifRunning=attach}).
   */
  public void attached(ApplicationId appId, String trackingUrl, String user, String queue) {
    ObjectNode e = event("attached");
    e.put("applicationId", appId.toString());
    e.put("trackingUrl", trackingUrl);
    e.put("user", user);
    e.put("queue", queue);
    write(e);
  }

  /** The application's YARN state changed (NEW_SAVING, SUBMITTED, ACCEPTED, RUNNING, ...). */
  public void state(ApplicationId appId, YarnApplicationState state) {
    ObjectNode e = event("state");
    e.put("applicationId", appId.toString());
    e.put("state", state.name());
    write(e);
  }

  /** The application ended; {@code exitCode} is ember-submit's ({@link ExitCodes}). */
  public void finalState(
      ApplicationId appId,
      YarnApplicationState state,
      FinalApplicationStatus finalStatus,
      String diagnostics,
      int exitCode) {
    ObjectNode e = event("final");
    e.put("applicationId", appId.toString());
    e.put("state", state.name());
    e.put("finalStatus", finalStatus.name());
    e.put("diagnostics", diagnostics == null ? "" : diagnostics);
    e.put("exitCode", exitCode);
    write(e);
  }

  /** A job (one action) started, with the ids of the stages it may run. */
  public void jobStart(int jobId, List<Integer> stageIds) {
    ObjectNode e = event("jobStart");
    e.put("jobId", jobId);
    ArrayNode stages = e.putArray("stageIds");
    stageIds.forEach(stages::add);
    write(e);
  }

  /**
   * A job ended.
   *
   * @param failure the reason when it failed, empty when it succeeded
   */
  public void jobEnd(int jobId, Optional<String> failure) {
    write(jobEndEvent(jobId, failure));
  }

  /**
   * A job ended, with its summary: wall time, successful tasks by locality level over the job, and
   * per stage its tasks, attempts, speculative copies launched, whether it was skipped, its
   * locality counts and bytes read and shuffled.
   */
  public void jobEnd(JobSummary summary) {
    ObjectNode e = jobEndEvent(summary.jobId().id(), summary.failure());
    e.put("name", summary.name());
    e.put("wallTimeMs", summary.wallTime().toMillis());
    ObjectNode locality = e.putObject("localityCounts");
    summary.localityCounts().forEach((level, n) -> locality.put(level.name(), n));
    ArrayNode stages = e.putArray("stages");
    for (StageSummary stage : summary.stages()) {
      ObjectNode s = stages.addObject();
      s.put("stageId", stage.stageId().id());
      s.put("name", stage.name());
      s.put("tasks", stage.tasks());
      s.put("attempts", stage.attempts());
      s.put("speculativeTasks", stage.speculativeTasks());
      s.put("skipped", stage.skipped());
      ObjectNode levels = s.putObject("localityCounts");
      for (TaskLocality level : TaskLocality.values()) {
        levels.put(level.name(), stage.tasksAt(level));
      }
      s.put("bytesRead", stage.metrics().bytesRead());
      s.put("shuffleBytesWritten", stage.metrics().shuffleBytesWritten());
      s.put("shuffleBytesRead", stage.metrics().shuffleBytesRead());
    }
    write(e);
  }

  private ObjectNode jobEndEvent(int jobId, Optional<String> failure) {
    ObjectNode e = event("jobEnd");
    e.put("jobId", jobId);
    e.put("succeeded", failure.isEmpty());
    failure.ifPresent(f -> e.put("failure", f));
    return e;
  }

  /** An attempt of a stage was submitted with {@code tasks} tasks. */
  public void stageStart(int stageId, int attempt, int tasks) {
    ObjectNode e = event("stageStart");
    e.put("stageId", stageId);
    e.put("attempt", attempt);
    e.put("tasks", tasks);
    write(e);
  }

  /**
   * An attempt of a stage ended.
   *
   * @param tasks the tasks of the attempt
   * @param failedTasks failed task attempts during it
   * @param failure the reason when the stage attempt failed, empty when it completed
   */
  public void stageEnd(
      int stageId, int attempt, int tasks, int failedTasks, Optional<String> failure) {
    ObjectNode e = event("stageEnd");
    e.put("stageId", stageId);
    e.put("attempt", attempt);
    e.put("tasks", tasks);
    e.put("failedTasks", failedTasks);
    e.put("succeeded", failure.isEmpty());
    failure.ifPresent(f -> e.put("failure", f));
    write(e);
  }

  @Override
  public synchronized void close() throws IOException {
    if (out.isPresent()) {
      out.get().flush();
      if (closeOut) {
        out.get().close();
      }
    }
  }

  private ObjectNode event(String kind) {
    ObjectNode e = JSON.createObjectNode();
    e.put("event", kind);
    e.put("time", clock.instant().toString());
    return e;
  }

  private synchronized void write(ObjectNode event) {
    if (out.isEmpty()) {
      return;
    }
    try {
      out.get().write(JSON.writeValueAsString(event));
      out.get().write('\n');
      out.get().flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the event stream: " + e.getMessage(), e);
    }
  }
}
