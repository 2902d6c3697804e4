package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.net.DNSToSwitchMapping;
import org.apache.hadoop.net.ScriptBasedMapping;
import org.apache.hadoop.util.ReflectionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves hosts to racks on the driver with Hadoop's topology mapping ({@code
 * net.topology.node.switch.mapping.impl}, e.g. {@code TableMapping} or {@code ScriptBasedMapping}:
 * the same answer YARN and HDFS give), and caches the answers, as Spark's {@code
 * SparkRackResolver}.
 *
 * <p>A topology script may take a while, so the task scheduler calls {@link #resolve} when an
 * executor registers and when a task set is submitted, outside its lock, and only {@link
 * #cachedRack} (a map lookup) while answering resource offers. A host the mapping cannot place (the
 * script fails or answers nothing) is cached as having no rack, so it is not asked again. Hadoop's
 * cached mappings (TableMapping, ScriptBasedMapping) look hosts up by IP address, so a topology
 * table should list the executors' addresses as YARN and HDFS do. Thread-safe.
 */
public final class RackResolver {
  private static final Logger LOG = LoggerFactory.getLogger(RackResolver.class);

  private final Function<List<String>, List<String>> mapping;
  private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

  /**
   * @param mapping host names to rack names, one answer per host in order; an answer may be null
   *     for a host it cannot place
   */
  RackResolver(Function<List<String>, List<String>> mapping) {
    this.mapping = requireNonNull(mapping, "mapping is null");
  }

  /**
   * The resolver configured by {@code net.topology.node.switch.mapping.impl} in {@code conf}
   * (Hadoop's default: {@code ScriptBasedMapping}, which places every host on {@code /default-rack}
   * when no script is set). Set it for Ember with {@code ember.hadoop.net.topology...}.
   *
   * @throws ConfigException if the class cannot be loaded or is not a {@code DNSToSwitchMapping}
   */
  public static RackResolver fromHadoop(Configuration conf) {
    String key = CommonConfigurationKeysPublic.NET_TOPOLOGY_NODE_SWITCH_MAPPING_IMPL_KEY;
    DNSToSwitchMapping topology;
    try {
      Class<? extends DNSToSwitchMapping> type =
          conf.getClass(key, ScriptBasedMapping.class, DNSToSwitchMapping.class);
      topology = ReflectionUtils.newInstance(type, conf);
    } catch (RuntimeException e) {
      throw new ConfigException(
          key
              + ": cannot create the topology mapping \""
              + conf.get(key)
              + "\" ("
              + e.getMessage()
              + "); name a class implementing org.apache.hadoop.net.DNSToSwitchMapping that is on"
              + " the driver's classpath, e.g. org.apache.hadoop.net.TableMapping");
    }
    return new RackResolver(topology::resolve);
  }

  /** A resolver that knows no racks (every host has an empty rack): RACK_LOCAL never applies. */
  public static RackResolver none() {
    return new RackResolver(
        hosts -> new ArrayList<>(java.util.Collections.nCopies(hosts.size(), null)));
  }

  /** A resolver with a fixed host-to-rack table, for tests and simple setups. */
  public static RackResolver of(Map<String, String> rackByHost) {
    Map<String, String> copy = Map.copyOf(rackByHost);
    return new RackResolver(hosts -> hosts.stream().map(copy::get).toList());
  }

  /**
   * Resolves the hosts not yet cached, in one call to the mapping (which may run a script: call it
   * outside the scheduler's lock). Never throws: a failing mapping leaves the hosts rackless.
   */
  public void resolve(Collection<String> hosts) {
    List<String> missing = new ArrayList<>();
    for (String host : new LinkedHashSet<>(hosts)) {
      if (!cache.containsKey(host)) {
        missing.add(host);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    List<String> racks;
    try {
      racks = mapping.apply(missing);
    } catch (RuntimeException e) {
      LOG.warn("Cannot resolve the racks of {}; treating them as rackless", missing, e);
      racks = null;
    }
    for (int i = 0; i < missing.size(); i++) {
      String rack = racks != null && i < racks.size() ? racks.get(i) : null;
      cache.putIfAbsent(missing.get(i), Optional.ofNullable(rack).filter(r -> !r.isEmpty()));
    }
  }

  /** The cached rack of {@code host}; empty if unknown or not resolved yet. Never blocks. */
  public Optional<String> cachedRack(String host) {
    return cache.getOrDefault(host, Optional.empty());
  }

  /** Resolves {@code host} if needed and returns its rack (may call the mapping). */
  public Optional<String> rackOf(String host) {
    resolve(List.of(host));
    return cachedRack(host);
  }
}
