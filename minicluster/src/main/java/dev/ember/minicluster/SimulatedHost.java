package dev.ember.minicluster;

import static java.util.Objects.requireNonNull;

/**
 * One simulated host of an {@link EmbeddedCluster}: a loopback address that serves as its host name
 * (every process on the machine resolves it without DNS or {@code /etc/hosts}, as all of {@code
 * 127.0.0.0/8} is local) and the rack it belongs to.
 *
 * @param name the host name, a loopback address such as {@code 127.0.1.10}
 * @param rack the network location, such as {@code /rack0}
 */
public record SimulatedHost(String name, String rack) {
  public SimulatedHost {
    requireNonNull(name, "name is null");
    requireNonNull(rack, "rack is null");
  }
}
