package dev.ember.rpc;

import dev.ember.conf.ConfigOption;
import dev.ember.conf.ConfigOptions;
import java.time.Duration;

/**
 * Options of the RPC layer between the driver and executor processes (not used by {@code
 * local[N]}). The driver sends its configuration to executors when they register, so executors use
 * the driver's values.
 */
public final class RpcOptions {
  private RpcOptions() {}

  public static final ConfigOption<String> DRIVER_HOST =
      ConfigOptions.key("ember.driver.host")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Host name or address the driver's RPC server binds to and advertises to executors;"
                  + " defaults to this machine's canonical host name (127.0.0.1 for"
                  + " local-cluster).");

  public static final ConfigOption<Duration> HEARTBEAT_INTERVAL =
      ConfigOptions.key("ember.executor.heartbeatInterval")
          .durationType()
          .defaultValue(Duration.ofSeconds(3))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "How often an executor sends a heartbeat on its heartbeat stream to the driver.");

  public static final ConfigOption<Duration> HEARTBEAT_TIMEOUT =
      ConfigOptions.key("ember.executor.heartbeatTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(60))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "An executor that sends no heartbeat for this long is declared lost and its running"
                  + " tasks are re-run elsewhere. A closed connection is noticed at once; this"
                  + " covers hosts that vanish without closing it (Spark's"
                  + " spark.network.timeout).");

  public static final ConfigOption<Duration> REGISTRATION_TIMEOUT =
      ConfigOptions.key("ember.executor.registrationTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(60))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "How long the driver waits, when it starts, for the executors it launched to"
                  + " register before it runs jobs on the ones that did.");

  public static final ConfigOption<Duration> RPC_TIMEOUT =
      ConfigOptions.key("ember.rpc.timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(2))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "Deadline of one driver or executor RPC call (map outputs, broadcasts, task launch,"
                  + " shuffle block fetch).");
}
