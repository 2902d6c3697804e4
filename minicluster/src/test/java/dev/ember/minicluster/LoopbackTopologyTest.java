package dev.ember.minicluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackTopologyTest {
  @Test
  void hostsGoRoundRobinOverRacksAndCarryTheirRackInTheAddress() {
    assertThat(LoopbackTopology.hosts(3, 2))
        .containsExactly(
            new SimulatedHost("127.0.1.10", "/rack0"),
            new SimulatedHost("127.0.2.11", "/rack1"),
            new SimulatedHost("127.0.1.12", "/rack0"));
  }

  @Test
  void theRackMappingReadsTheRackFromTheAddress() {
    assertThat(
            new LoopbackRackMapping()
                .resolve(List.of("127.0.2.11", "127.0.1.10:8042", "127.0.0.1", "example.com")))
        .containsExactly("/rack1", "/rack0", "/default-rack", "/default-rack");
  }

  @Test
  void moreRacksThanHostsIsRefused() {
    assertThatThrownBy(() -> LoopbackTopology.hosts(2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("racks: 3 is out of range; use 1 to the number of hosts (2)");
    assertThatThrownBy(() -> LoopbackTopology.hosts(0, 1))
        .hasMessage("hosts: 0 is out of range; use 1 to 245");
  }
}
