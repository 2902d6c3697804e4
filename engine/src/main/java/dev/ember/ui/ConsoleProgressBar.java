package dev.ember.ui;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.scheduler.JobListener;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress bar of the running stages on the driver's console, Spark's {@code ConsoleProgressBar}:
 * one {@code [Stage 3:====> (12 + 4) / 40]} per running stage (tasks completed + running / total),
 * side by side, redrawn in place with {@code \r} on standard error. A stage shows once it has run
 * {@link #SHOW_AFTER_MILLIS} (short stages do not flicker); the line is redrawn at most every
 * {@link #REFRESH_MILLIS} and erased when no stage is shown any more.
 *
 * <p>Threading: the listener callbacks arrive on the DAG scheduler's event thread and only update
 * counters; drawing happens in {@link #refresh}, called by a daemon thread every {@link
 * #REFRESH_MILLIS} (or by tests). Both take this object's lock.
 */
public final class ConsoleProgressBar implements JobListener, AutoCloseable {
  /** How often the bar is redrawn, at most (Spark: 200 ms). */
  public static final long REFRESH_MILLIS = 200;

  /** How long a stage runs before it is shown (Spark: 500 ms). */
  public static final long SHOW_AFTER_MILLIS = 500;

  /** The width of the whole line, in characters (Spark reads $COLUMNS; 80 is its default). */
  static final int WIDTH = 80;

  private final PrintStream out;
  private final LongSupplier clock;
  private final Map<StageId, StageProgress> stages = new TreeMap<>();
  private ScheduledExecutorService timer;
  private long lastDrawn = Long.MIN_VALUE;
  private String lastLine = "";

  /**
   * A bar that draws on {@code out} only when {@link #refresh} is called.
   *
   * @param clock milliseconds, e.g. {@code System::currentTimeMillis}
   */
  public ConsoleProgressBar(PrintStream out, LongSupplier clock) {
    this.out = requireNonNull(out, "out is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * A bar on {@code System.err}, refreshed by a daemon thread, if {@code
   * ember.ui.showConsoleProgress} allows it and the JVM has a console (standard input and output
   * are a terminal: not in a YARN container, not when output is redirected to a file or a pipe).
   *
   * @return empty if no bar should be shown
   */
  public static Optional<ConsoleProgressBar> startIfEnabled(EmberConf conf) {
    if (!conf.get(CoreOptions.UI_SHOW_CONSOLE_PROGRESS) || System.console() == null) {
      return Optional.empty();
    }
    ConsoleProgressBar bar = new ConsoleProgressBar(System.err, System::currentTimeMillis);
    bar.start();
    return Optional.of(bar);
  }

  /** Starts the daemon thread that calls {@link #refresh} every {@link #REFRESH_MILLIS}. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "console-progress-bar");
              t.setDaemon(true);
              return t;
            });
    var unused =
        timer.scheduleWithFixedDelay(
            this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void onStageSubmitted(StageId stage, int attempt, String name, int tasks) {
    stages.put(stage, new StageProgress(attempt, tasks, clock.getAsLong()));
  }

  @Override
  public synchronized void onTaskStart(StageId stage, int attempt, int partition) {
    StageProgress p = stages.get(stage);
    if (p != null && p.attempt == attempt) {
      p.running++;
    }
  }

  @Override
  public synchronized void onTaskEnd(StageId stage, int attempt, int partition, boolean succeeded) {
    StageProgress p = stages.get(stage);
    if (p != null && p.attempt == attempt) {
      p.running = Math.max(0, p.running - 1);
      if (succeeded) {
        p.completed = Math.min(p.total, p.completed + 1);
      }
    }
  }

  @Override
  public synchronized void onStageCompleted(StageId stage, int attempt, boolean succeeded) {
    StageProgress p = stages.get(stage);
    if (p != null && p.attempt == attempt) {
      stages.remove(stage);
    }
    if (stages.isEmpty()) {
      clear();
    }
  }

  @Override
  public void onJobEnd(JobSummary summary) {}

  /**
   * Redraws the line if at least {@link #REFRESH_MILLIS} passed since the last drawing and it
   * changed; erases it when no stage has run long enough to be shown.
   */
  public synchronized void refresh() {
    long now = clock.getAsLong();
    if (lastDrawn != Long.MIN_VALUE && now - lastDrawn < REFRESH_MILLIS) {
      return;
    }
    List<Map.Entry<StageId, StageProgress>> shown = new ArrayList<>();
    for (Map.Entry<StageId, StageProgress> e : stages.entrySet()) {
      if (now - e.getValue().submittedAt >= SHOW_AFTER_MILLIS) {
        shown.add(e);
      }
    }
    if (shown.isEmpty()) {
      clear();
      return;
    }
    int width = WIDTH / shown.size();
    StringBuilder line = new StringBuilder();
    for (Map.Entry<StageId, StageProgress> e : shown) {
      line.append(bar(e.getKey(), e.getValue(), width));
    }
    String text = line.toString();
    if (!text.equals(lastLine)) {
      out.print('\r' + text);
      out.flush();
      lastLine = text;
    }
    lastDrawn = now;
  }

  /** {@code [Stage 3:====> (12 + 4) / 40]}, padded with the bar to {@code width}. */
  static String bar(StageId stage, StageProgress p, int width) {
    String header = "[Stage " + stage.id() + ":";
    String tailer = "(" + p.completed + " + " + p.running + ") / " + p.total + "]";
    int w = width - header.length() - tailer.length();
    if (w <= 0) {
      return header + tailer;
    }
    int percent = p.total == 0 ? 0 : (int) ((long) w * p.completed / p.total);
    StringBuilder bar = new StringBuilder(width);
    for (int i = 0; i < w; i++) {
      bar.append(i < percent ? '=' : i == percent ? '>' : ' ');
    }
    return header + bar + tailer;
  }

  /** Erases a drawn line: spaces over it, then back to its start. */
  private void clear() {
    if (!lastLine.isEmpty()) {
      out.print('\r' + " ".repeat(lastLine.length()) + '\r');
      out.flush();
      lastLine = "";
    }
    lastDrawn = Long.MIN_VALUE;
  }

  /** Stops the refresh thread and erases the line. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    clear();
  }

  /** Counters of the latest attempt of one stage. */
  static final class StageProgress {
    final int attempt;
    final int total;
    final long submittedAt;
    int running;
    int completed;

    StageProgress(int attempt, int total, long submittedAt) {
      this.attempt = attempt;
      this.total = total;
      this.submittedAt = submittedAt;
    }
  }
}
