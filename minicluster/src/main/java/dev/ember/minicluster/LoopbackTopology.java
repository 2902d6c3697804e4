package dev.ember.minicluster;

import java.util.ArrayList;
import java.util.List;

/**
 * How an {@link EmbeddedCluster} places simulated hosts on racks: host {@code i} (0-based) of
 * {@code R} racks is on rack {@code i % R} and has the loopback address {@code 127.0.<rack + 1>.<10
 * + i>}, in rack {@code /rack<rack>}.
 *
 * <p>The rack is part of the address so that the mapping from host to rack is the same for every
 * cluster a JVM starts: YARN's {@code RackResolver} and HDFS's {@code StaticMapping} are JVM-wide
 * and cache what they resolved, so a host name must never change racks between clusters.
 */
public final class LoopbackTopology {
  /** The most hosts a cluster can have (the last octet runs from 10 to 254). */
  public static final int MAX_HOSTS = 245;

  /** The most racks a cluster can have (the third octet runs from 1 to 254). */
  public static final int MAX_RACKS = 254;

  private LoopbackTopology() {}

  /**
   * The hosts of a cluster of {@code hosts} hosts over {@code racks} racks.
   *
   * @throws IllegalArgumentException if a count is below 1, above its maximum, or there are more
   *     racks than hosts
   */
  public static List<SimulatedHost> hosts(int hosts, int racks) {
    if (hosts < 1 || hosts > MAX_HOSTS) {
      throw new IllegalArgumentException(
          "hosts: " + hosts + " is out of range; use 1 to " + MAX_HOSTS);
    }
    if (racks < 1 || racks > MAX_RACKS || racks > hosts) {
      throw new IllegalArgumentException(
          "racks: " + racks + " is out of range; use 1 to the number of hosts (" + hosts + ")");
    }
    List<SimulatedHost> list = new ArrayList<>(hosts);
    for (int i = 0; i < hosts; i++) {
      int rack = i % racks;
      list.add(new SimulatedHost("127.0." + (rack + 1) + "." + (10 + i), "/rack" + rack));
    }
    return List.copyOf(list);
  }

  /**
   * The rack of a host name laid out by {@link #hosts}, or empty for any other name.
   *
   * @param host a host name or address (an optional {@code :port} is ignored)
   */
  public static java.util.Optional<String> rackOf(String host) {
    String name = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    String[] octets = name.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127") || !octets[1].equals("0")) {
      return java.util.Optional.empty();
    }
    try {
      int third = Integer.parseInt(octets[2]);
      int fourth = Integer.parseInt(octets[3]);
      if (third < 1 || third > MAX_RACKS || fourth < 10 || fourth > 254) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of("/rack" + (third - 1));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }
}
