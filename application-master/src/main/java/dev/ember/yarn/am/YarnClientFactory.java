package dev.ember.yarn.am;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;

/**
 * Creates the ApplicationMaster's YARN clients, so that tests can hand the allocator and launcher
 * fakes (Flink's {@code YarnResourceManagerClientFactory}). The returned clients are initialized
 * and started; the caller stops them.
 */
public interface YarnClientFactory {
  /** An asynchronous ResourceManager client that heartbeats every {@code interval}. */
  AMRMClientAsync<ContainerRequest> createAmRmClient(
      Duration interval, AMRMClientAsync.AbstractCallbackHandler handler);

  /** An asynchronous NodeManager client. */
  NMClientAsync createNmClient(NMClientAsync.AbstractCallbackHandler handler);

  /** The factory of real clients configured with {@code conf}. */
  static YarnClientFactory of(Configuration conf) {
    return new YarnClientFactory() {
      @Override
      public AMRMClientAsync<ContainerRequest> createAmRmClient(
          Duration interval, AMRMClientAsync.AbstractCallbackHandler handler) {
        AMRMClientAsync<ContainerRequest> client =
            AMRMClientAsync.createAMRMClientAsync(Math.toIntExact(interval.toMillis()), handler);
        client.init(conf);
        client.start();
        return client;
      }

      @Override
      public NMClientAsync createNmClient(NMClientAsync.AbstractCallbackHandler handler) {
        NMClientAsync client = NMClientAsync.createNMClientAsync(handler);
        client.init(conf);
        client.start();
        return client;
      }
    };
  }
}
