package dev.ember.executor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code local-cluster[N,cores,memoryMiB]} master URL (Spark's test-only local-cluster
 * mode): N executor JVMs on this machine with {@code cores} task threads and {@code memoryMiB} of
 * heap each.
 *
 * @param executors number of executor processes, at least 1
 * @param coresPerExecutor task threads per executor, at least 1
 * @param memoryMiB heap of each executor JVM in MiB, at least 512
 */
public record LocalClusterSpec(int executors, int coresPerExecutor, int memoryMiB) {
  private static final Pattern FORM =
      Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
  private static final String USE =
      "; use local-cluster[N,cores,memoryMiB], e.g. local-cluster[2,1,512]";

  public LocalClusterSpec {
    if (executors < 1 || coresPerExecutor < 1) {
      throw new IllegalArgumentException(
          "ember.master: local-cluster needs at least 1 executor with 1 core" + USE);
    }
    if (memoryMiB < 512) {
      throw new IllegalArgumentException(
          "ember.master: local-cluster executors need at least 512 MiB of heap, got "
              + memoryMiB
              + USE);
    }
  }

  /**
   * Parses a master URL.
   *
   * @throws IllegalArgumentException if {@code master} is not of the form {@code
   *     local-cluster[N,cores,memoryMiB]}
   */
  public static LocalClusterSpec parse(String master) {
    Matcher m = FORM.matcher(master);
    if (!m.matches()) {
      throw new IllegalArgumentException("ember.master: cannot parse \"" + master + "\"" + USE);
    }
    try {
      return new LocalClusterSpec(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ember.master: number too large in " + master + USE, e);
    }
  }
}
