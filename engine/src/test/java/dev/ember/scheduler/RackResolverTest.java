package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.conf.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rack resolution through Hadoop's topology mapping, and its cache. */
class RackResolverTest {
  @TempDir Path dir;

  @Test
  void hadoopsTableMappingPlacesHostsOnTheirRacks() throws Exception {
    Path table = dir.resolve("topology.table");
    Files.writeString(table, "h1 /dc1/rack1\nh2 /dc1/rack2\n");
    Configuration conf = new Configuration(false);
    conf.set("net.topology.node.switch.mapping.impl", "org.apache.hadoop.net.TableMapping");
    conf.set("net.topology.table.file.name", table.toString());

    RackResolver racks = RackResolver.fromHadoop(conf);

    assertThat(racks.cachedRack("h1")).as("not resolved yet").isEmpty();
    racks.resolve(List.of("h1", "h2", "h3"));
    assertThat(racks.cachedRack("h1")).contains("/dc1/rack1");
    assertThat(racks.cachedRack("h2")).contains("/dc1/rack2");
    assertThat(racks.cachedRack("h3")).as("TableMapping's default").contains("/default-rack");
  }

  @Test
  void eachHostIsAskedOnceAndFailuresLeaveItRackless() {
    List<List<String>> calls = new ArrayList<>();
    RackResolver racks =
        new RackResolver(
            hosts -> {
              calls.add(hosts);
              if (hosts.contains("bad")) {
                throw new IllegalStateException("script failed");
              }
              return hosts.stream().map(h -> "/r-" + h).toList();
            });

    racks.resolve(List.of("h1", "h2"));
    assertThat(racks.rackOf("h1")).contains("/r-h1");
    racks.resolve(List.of("h1", "h2", "bad"));
    assertThat(racks.rackOf("bad")).isEqualTo(Optional.empty());

    assertThat(calls).containsExactly(List.of("h1", "h2"), List.of("bad"));
  }

  @Test
  void anUnknownMappingClassIsAConfigurationErrorNamingTheKey() {
    Configuration conf = new Configuration(false);
    conf.set("net.topology.node.switch.mapping.impl", "com.example.NoSuchMapping");

    assertThatThrownBy(() -> RackResolver.fromHadoop(conf))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("net.topology.node.switch.mapping.impl")
        .hasMessageContaining("com.example.NoSuchMapping");
  }
}
