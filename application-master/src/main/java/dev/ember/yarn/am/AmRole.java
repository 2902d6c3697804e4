package dev.ember.yarn.am;

import java.util.Map;

/**
 * What an Ember ApplicationMaster does, by deploy mode, chosen by ember-submit through the {@value
 * #ENV} environment variable of the AM container (not a secret).
 *
 * <ul>
 *   <li>{@link #CLUSTER}: the AM hosts the driver (runs the user's main) and allocates its
 *       executors.
 *   <li>{@link #CLIENT}: the driver runs in ember-submit; the AM only negotiates executor
 *       containers for it over {@code ApplicationMasterService} (Spark's {@code ExecutorLauncher}).
 * </ul>
 */
public enum AmRole {
  CLUSTER,
  CLIENT;

  /** The environment variable of the AM container that names its role. */
  public static final String ENV = "EMBER_AM_ROLE";

  /**
   * The role named by {@code env}; {@link #CLUSTER} when {@value #ENV} is absent (an AM launched by
   * an ember-submit that knew only cluster mode).
   *
   * @throws IllegalArgumentException if {@value #ENV} names no role
   */
  public static AmRole fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    if (value == null) {
      return CLUSTER;
    }
    for (AmRole role : values()) {
      if (role.name().equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        ENV + "=" + value + " names no ApplicationMaster role; expected CLUSTER or CLIENT");
  }
}
