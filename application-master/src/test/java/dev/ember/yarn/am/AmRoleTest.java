package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AmRoleTest {
  @Test
  void roleComesFromTheEnvironment() {
    assertThat(AmRole.fromEnvironment(Map.of("EMBER_AM_ROLE", "CLIENT"))).isEqualTo(AmRole.CLIENT);
    assertThat(AmRole.fromEnvironment(Map.of("EMBER_AM_ROLE", "CLUSTER")))
        .isEqualTo(AmRole.CLUSTER);
    assertThat(AmRole.fromEnvironment(Map.of())).isEqualTo(AmRole.CLUSTER);
  }

  @Test
  void unknownRoleIsAnError() {
    assertThatThrownBy(() -> AmRole.fromEnvironment(Map.of("EMBER_AM_ROLE", "driver")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EMBER_AM_ROLE=driver", "CLUSTER or CLIENT");
  }
}
