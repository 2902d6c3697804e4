package dev.ember.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** Every run of one benchmark invocation, with the summaries the reports need. */
final class Results {
  private final List<RunResult> runs = new ArrayList<>();

  void add(RunResult run) {
    runs.add(run);
  }

  List<RunResult> all() {
    return List.copyOf(runs);
  }

  /** The measured (non-warm-up) runs of {@code engine} on {@code workload}, in order. */
  List<RunResult> measured(String engine, String workload) {
    List<RunResult> out = new ArrayList<>();
    for (RunResult r : runs) {
      if (r.engine().equals(engine) && r.workload().equals(workload) && r.repetition() > 0) {
        out.add(r);
      }
    }
    return out;
  }

  /** Whether every run of {@code workload}, warm-ups included, succeeded. */
  boolean allSucceeded(String workload) {
    return runs.stream().filter(r -> r.workload().equals(workload)).allMatch(RunResult::succeeded);
  }

  /** The distinct answers the runs of {@code workload} gave (one when the engines agree). */
  Set<String> answers(String workload) {
    Set<String> answers = new LinkedHashSet<>();
    for (RunResult r : runs) {
      if (r.workload().equals(workload) && r.succeeded()) {
        answers.add(r.answer());
      }
    }
    return answers;
  }

  /** Whether {@code workload}'s times may be reported: every run succeeded and all agree. */
  boolean valid(String workload) {
    return allSucceeded(workload) && answers(workload).size() == 1;
  }

  /** Statistics of {@code metric} (in the metric's unit) over the measured runs, if any. */
  Optional<Stats> stats(String engine, String workload, ToDoubleFunction<RunResult> metric) {
    List<Double> values = new ArrayList<>();
    for (RunResult r : measured(engine, workload)) {
      if (r.succeeded()) {
        values.add(metric.applyAsDouble(r));
      }
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(Stats.of(values));
  }

  /**
   * Statistics of {@code metric(a) / metric(b)} computed repetition by repetition, so that the slow
   * moments of a shared machine fall on both engines of a pair.
   */
  Optional<Stats> ratio(String a, String b, String workload, ToDoubleFunction<RunResult> metric) {
    List<RunResult> as = measured(a, workload);
    List<RunResult> bs = measured(b, workload);
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(as.size(), bs.size()); i++) {
      RunResult x = as.get(i);
      RunResult y = bs.get(i);
      if (x.succeeded() && y.succeeded() && metric.applyAsDouble(y) > 0) {
        ratios.add(metric.applyAsDouble(x) / metric.applyAsDouble(y));
      }
    }
    return ratios.isEmpty() ? Optional.empty() : Optional.of(Stats.of(ratios));
  }
}
