package dev.ember.cluster;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.EmberConf;
import dev.ember.execution.DriverEndpoint;
import dev.ember.serializer.RecordSerializer;

/**
 * What a cluster manager's backend gets from the driver: the configuration, the record serializer
 * and the endpoint executors call for map outputs, broadcasts and block updates.
 *
 * @param conf the session's configuration
 * @param recordSerializer the record serializer
 * @param endpoint the driver's endpoint for executors
 * @param appId the application id, used to name executor scratch dirs
 */
public record DriverServices(
    EmberConf conf, RecordSerializer recordSerializer, DriverEndpoint endpoint, String appId) {
  public DriverServices {
    requireNonNull(conf, "conf is null");
    requireNonNull(recordSerializer, "recordSerializer is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(appId, "appId is null");
  }
}
