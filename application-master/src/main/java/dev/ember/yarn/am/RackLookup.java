package dev.ember.yarn.am;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.net.Node;

/**
 * The racks of hosts as the ResourceManager sees them, for the allocator's rack-level container
 * requests and for matching allocated containers to requests. Resolving may run a topology script,
 * so it happens when the driver's demand arrives ({@link #resolve}, on the RPC or driver thread),
 * never on the AMRM client's heartbeat or callback threads, which only read the cache ({@link
 * #cachedRack}). Implementations are thread-safe.
 */
interface RackLookup {
  /** Resolves the hosts not resolved before. May block; never throws. */
  void resolve(Collection<String> hosts);

  /** The rack of {@code host} if it was resolved; never blocks. */
  Optional<String> cachedRack(String host);

  /** Knows no racks: every container request names a host or nothing. */
  static RackLookup none() {
    return of(Map.of());
  }

  /** A fixed table, for tests. */
  static RackLookup of(Map<String, String> rackOfHost) {
    Map<String, String> copy = Map.copyOf(rackOfHost);
    return new RackLookup() {
      @Override
      public void resolve(Collection<String> hosts) {}

      @Override
      public Optional<String> cachedRack(String host) {
        return Optional.ofNullable(copy.get(host));
      }
    };
  }

  /**
   * YARN's {@link org.apache.hadoop.yarn.util.RackResolver} with {@code conf}'s topology mapping:
   * the resolver the AMRM client itself uses to add a host's rack to a container request, so that
   * resolving here first also keeps the client's {@code addContainerRequest} from blocking.
   */
  static RackLookup yarn(Configuration conf) {
    Map<String, Optional<String>> cache = new ConcurrentHashMap<>();
    return new RackLookup() {
      @Override
      public void resolve(Collection<String> hosts) {
        for (String host : hosts) {
          cache.computeIfAbsent(host, h -> rackOf(conf, h));
        }
      }

      @Override
      public Optional<String> cachedRack(String host) {
        return cache.getOrDefault(host, Optional.empty());
      }
    };
  }

  private static Optional<String> rackOf(Configuration conf, String host) {
    try {
      Node node = org.apache.hadoop.yarn.util.RackResolver.resolve(conf, host);
      return Optional.ofNullable(node.getNetworkLocation()).filter(r -> !r.isEmpty());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
