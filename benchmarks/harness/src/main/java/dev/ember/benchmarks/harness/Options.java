package dev.ember.benchmarks.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The harness's command line: {@code --name value} pairs.
 *
 * <p>Exit code 2 with this message for a bad command line (unknown option, missing value).
 */
final class Options {
  static final String USAGE =
      "usage: BenchmarkMain --data DIR --out DIR --ember-cp FILE --spark-cp FILE --baseline-cp FILE\n"
          + "  [--scale-factor 0.1] [--reps 3] [--warmups 1] [--parallelism 2] [--heap 2g]\n"
          + "  [--workloads wordcount,q1,sort,join,cache] [--engines ember,spark,baseline]\n"
          + "  [--ember-commit SHA] [--timeout-minutes 30]";

  private static final Set<String> KNOWN =
      Set.of(
          "data",
          "out",
          "ember-cp",
          "spark-cp",
          "baseline-cp",
          "scale-factor",
          "reps",
          "warmups",
          "parallelism",
          "heap",
          "workloads",
          "engines",
          "ember-commit",
          "timeout-minutes");

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the option if one is unknown or has no value
   */
  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !KNOWN.contains(arg.substring(2))) {
        throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option '" + arg + "' needs a value");
      }
      values.put(arg.substring(2), args[++i]);
    }
    return new Options(values);
  }

  /**
   * The value of a required option.
   *
   * @throws IllegalArgumentException naming the option if it is missing
   */
  String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("option --" + name + " is required");
    }
    return value;
  }

  String get(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  /**
   * A positive integer option.
   *
   * @throws IllegalArgumentException naming the option if the value is not one
   */
  int positive(String name, int defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0 || (n == 0 && name.equals("warmups"))) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "option --" + name + " must be a positive whole number, not '" + value + "'");
  }

  /** A comma-separated list option. */
  List<String> list(String name, String defaultValue) {
    List<String> out = new ArrayList<>();
    for (String s : get(name, defaultValue).split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
