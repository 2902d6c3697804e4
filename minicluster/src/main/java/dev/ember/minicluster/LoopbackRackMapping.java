package dev.ember.minicluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.net.DNSToSwitchMapping;
import org.apache.hadoop.net.NetworkTopology;

/**
 * The {@code net.topology.node.switch.mapping.impl} of the ResourceManager inside an {@link
 * EmbeddedCluster}'s JVM: reads a host's rack from its address as {@link LoopbackTopology} lays it
 * out, and puts any other name in {@link NetworkTopology#DEFAULT_RACK}.
 *
 * <p>Processes outside that JVM (clients, containers) use Hadoop's {@code TableMapping} with the
 * topology file the cluster writes instead, as they get Hadoop from the installation and not this
 * module. Stateless and thread-safe; instantiated by Hadoop through reflection.
 */
public final class LoopbackRackMapping implements DNSToSwitchMapping {
  @Override
  public List<String> resolve(List<String> names) {
    List<String> racks = new ArrayList<>(names.size());
    for (String name : names) {
      racks.add(LoopbackTopology.rackOf(name).orElse(NetworkTopology.DEFAULT_RACK));
    }
    return racks;
  }

  @Override
  public void reloadCachedMappings() {}

  @Override
  public void reloadCachedMappings(List<String> names) {}
}
