package dev.ember.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcOptionsTest {
  /** Pins every default: changing one is a user-visible change and must be deliberate. */
  @Test
  void defaultsArePinned() {
    EmberConf conf = EmberConf.empty();
    assertThat(conf.getOptional(RpcOptions.DRIVER_HOST)).isEmpty();
    assertThat(conf.get(RpcOptions.HEARTBEAT_INTERVAL)).isEqualTo(Duration.ofSeconds(3));
    assertThat(conf.get(RpcOptions.HEARTBEAT_TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
    assertThat(conf.get(RpcOptions.REGISTRATION_TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
    assertThat(conf.get(RpcOptions.RPC_TIMEOUT)).isEqualTo(Duration.ofSeconds(120));
  }
}
