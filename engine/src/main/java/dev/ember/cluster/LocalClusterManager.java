package dev.ember.cluster;

import dev.ember.scheduler.SchedulerBackend;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code local}, {@code local[N]} and {@code local[*]}: one in-process executor with 1, N or all
 * available cores as task threads.
 */
public final class LocalClusterManager implements ClusterManager {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)])?");

  @Override
  public boolean canCreate(String master) {
    // Not local-cluster[...], which launches executor processes (module container-executor).
    return master.equals("local") || master.startsWith("local[");
  }

  @Override
  public SchedulerBackend createBackend(String master, DriverServices services) {
    return new LocalSchedulerBackend(threads(master), services);
  }

  /**
   * The number of task threads {@code master} asks for.
   *
   * @throws IllegalArgumentException if {@code master} is not local, local[N] or local[*]
   */
  static int threads(String master) {
    Matcher m = LOCAL.matcher(master);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "ember.master: cannot parse \""
              + master
              + "\"; use local, local[N] (N task threads, N >= 1) or local[*] (one per core)");
    }
    String n = m.group(1);
    if (n == null) {
      return 1;
    }
    if (n.equals("*")) {
      return Runtime.getRuntime().availableProcessors();
    }
    int threads = Integer.parseInt(n);
    if (threads < 1) {
      throw new IllegalArgumentException(
          "ember.master: local[" + n + "] asks for no task threads; use N >= 1");
    }
    return threads;
  }
}
