package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Polls an application's report until it reaches a terminal state (FINISHED, FAILED, KILLED),
 * printing each state change and, at the end, the final state, final status and diagnostics, and
 * writing the same as {@code state} and {@code final} events ({@link SubmitEvents}). Called on
 * ember-submit's main thread; not thread-safe.
 *
 * <p>Polls are spaced by {@link #nextWait}: a tenth of the time since the last state change, at
 * least {@link #MIN_INTERVAL} and at most {@code ember.yarn.report.interval}. A fixed 1 s interval
 * (Spark's and MapReduce's clients) adds 0.5 s on average to every application, a tenth of a 5 s
 * one; this way the end is noticed within ~10% of the time spent in the last state, for ~10 extra
 * report calls per state change of a long application.
 */
final class ApplicationMonitor {
  private final YarnClient yarn;
  private final Duration interval;
  private final PrintStream out;
  private final SubmitEvents events;

  /** The shortest wait between polls: the YARN client's own ({@code YarnClientImpl}) default. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(200);

  private Optional<YarnApplicationState> last = Optional.empty();
  private long lastChangeNanos = System.nanoTime();

  ApplicationMonitor(YarnClient yarn, Duration interval, PrintStream out) {
    this(yarn, interval, out, SubmitEvents.none());
  }

  /** Also writes {@code state} and {@code final} events to {@code events}. */
  ApplicationMonitor(YarnClient yarn, Duration interval, PrintStream out, SubmitEvents events) {
    this.yarn = requireNonNull(yarn, "yarn is null");
    this.interval = requireNonNull(interval, "interval is null");
    this.out = requireNonNull(out, "out is null");
    this.events = requireNonNull(events, "events is null");
  }

  /**
   * Waits for the end of {@code appId}.
   *
   * @return the exit code for its outcome ({@link ExitCodes})
   * @throws SubmitException with {@link ExitCodes#LOST_CONTACT} if the ResourceManager cannot be
   *     reached
   */
  int await(ApplicationId appId) throws SubmitException, InterruptedException {
    ApplicationReport report = poll(appId, ApplicationMonitor::isTerminal);
    FinalApplicationStatus status = report.getFinalApplicationStatus();
    out.println("Final state: " + report.getYarnApplicationState());
    out.println("Final status: " + status);
    out.println("Diagnostics: " + report.getDiagnostics());
    int code = exitCode(report.getYarnApplicationState(), status);
    events.finalState(
        appId, report.getYarnApplicationState(), status, report.getDiagnostics(), code);
    return code;
  }

  /**
   * Waits until {@code appId} is RUNNING (its ApplicationMaster registered) or has ended, printing
   * state changes as {@link #await} does.
   *
   * @return the report that is RUNNING or terminal
   * @throws SubmitException as {@link #await}
   */
  ApplicationReport awaitRunning(ApplicationId appId) throws SubmitException, InterruptedException {
    return poll(appId, s -> s == YarnApplicationState.RUNNING || isTerminal(s));
  }

  private ApplicationReport poll(ApplicationId appId, Predicate<YarnApplicationState> until)
      throws SubmitException, InterruptedException {
    while (true) {
      ApplicationReport report;
      try {
        report = yarn.getApplicationReport(appId);
      } catch (YarnException | IOException e) {
        throw new SubmitException(
            ExitCodes.LOST_CONTACT,
            "lost contact with the ResourceManager while waiting for "
                + appId
                + ": "
                + e.getMessage()
                + "; the application may still be running (yarn application -status "
                + appId
                + ")",
            e);
      }
      YarnApplicationState state = report.getYarnApplicationState();
      if (last.isEmpty() || last.get() != state) {
        out.println("Application " + appId + " state: " + state);
        events.state(appId, state);
        last = Optional.of(state);
        lastChangeNanos = System.nanoTime();
      }
      if (until.test(state)) {
        return report;
      }
      Thread.sleep(
          nextWait(Duration.ofNanos(System.nanoTime() - lastChangeNanos), interval).toMillis());
    }
  }

  /**
   * The wait before the next poll, {@code sinceChange} after the last state change: a tenth of it,
   * within [{@link #MIN_INTERVAL}, {@code max}] ({@code max} alone if it is below the minimum).
   */
  static Duration nextWait(Duration sinceChange, Duration max) {
    Duration tenth = sinceChange.dividedBy(10);
    Duration atLeast = tenth.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : tenth;
    return atLeast.compareTo(max) > 0 ? max : atLeast;
  }

  static boolean isTerminal(YarnApplicationState state) {
    return state == YarnApplicationState.FINISHED
        || state == YarnApplicationState.FAILED
        || state == YarnApplicationState.KILLED;
  }

  static int exitCode(YarnApplicationState state, FinalApplicationStatus status) {
    if (state == YarnApplicationState.KILLED || status == FinalApplicationStatus.KILLED) {
      return ExitCodes.APPLICATION_KILLED;
    }
    if (state == YarnApplicationState.FINISHED && status == FinalApplicationStatus.SUCCEEDED) {
      return ExitCodes.SUCCESS;
    }
    return ExitCodes.APPLICATION_FAILED;
  }
}
