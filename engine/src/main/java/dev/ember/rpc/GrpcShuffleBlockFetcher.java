package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import dev.ember.rpc.proto.FetchShuffleBlockRequest;
import dev.ember.rpc.proto.ShuffleBlockChunk;
import dev.ember.rpc.proto.ShuffleServiceGrpc;
import dev.ember.scheduler.MapStatus;
import dev.ember.shuffle.ShuffleBlockFetcher;
import dev.ember.shuffle.ShuffleFiles;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An executor's {@link ShuffleBlockFetcher}: reads blocks of map outputs on this executor from its
 * own files, and fetches the others from the shuffle server of the executor that wrote them,
 * looking its address up on the driver. A remote block is read whole into memory before it is
 * returned, so that a broken connection is an {@link IOException} from {@link #open} (which the
 * reader turns into a fetch failure) rather than an error halfway through the records. Thread-safe;
 * one channel per remote executor, closed by {@link #close}.
 */
public final class GrpcShuffleBlockFetcher implements ShuffleBlockFetcher, AutoCloseable {
  private final String localExecutorId;
  private final ShuffleFiles localFiles;
  private final Function<String, Optional<String>> addresses;
  private final RpcSecret secret;
  private final Duration timeout;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /**
   * @param localExecutorId this executor
   * @param localFiles this executor's map outputs
   * @param addresses an executor id to its server's {@code host:port}, empty if lost (asks the
   *     driver)
   * @param secret the application's secret
   * @param timeout deadline of one block fetch
   */
  public GrpcShuffleBlockFetcher(
      String localExecutorId,
      ShuffleFiles localFiles,
      Function<String, Optional<String>> addresses,
      RpcSecret secret,
      Duration timeout) {
    this.localExecutorId = requireNonNull(localExecutorId, "localExecutorId is null");
    this.localFiles = requireNonNull(localFiles, "localFiles is null");
    this.addresses = requireNonNull(addresses, "addresses is null");
    this.secret = requireNonNull(secret, "secret is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  @Override
  public InputStream open(int shuffleId, MapStatus location, int reduceId) throws IOException {
    if (location.executorId().equals(localExecutorId)) {
      return localFiles.openBlock(shuffleId, location.mapId(), reduceId);
    }
    ManagedChannel channel = channel(location.executorId());
    FetchShuffleBlockRequest request =
        FetchShuffleBlockRequest.newBuilder()
            .setShuffleId(shuffleId)
            .setMapId(location.mapId())
            .setReduceId(reduceId)
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) location.length(reduceId));
    try {
      Iterator<ShuffleBlockChunk> chunks =
          ShuffleServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .fetchShuffleBlock(request);
      while (chunks.hasNext()) {
        chunks.next().getData().writeTo(bytes);
      }
    } catch (StatusRuntimeException e) {
      throw new IOException(
          "cannot fetch block shuffle_"
              + shuffleId
              + "_"
              + location.mapId()
              + "_"
              + reduceId
              + " from executor "
              + location.executorId()
              + ": "
              + e.getStatus(),
          e);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private ManagedChannel channel(String executorId) throws IOException {
    ManagedChannel channel = channels.get(executorId);
    if (channel != null) {
      return channel;
    }
    Optional<String> address;
    try {
      address = addresses.apply(executorId);
    } catch (RuntimeException e) {
      throw new IOException("cannot look up executor " + executorId + ": " + e.getMessage(), e);
    }
    if (address.isEmpty()) {
      throw new IOException("executor " + executorId + " is lost; its map outputs are gone");
    }
    return channels.computeIfAbsent(executorId, id -> RpcChannels.open(address.get(), secret));
  }

  @Override
  public void close() {
    channels.values().forEach(RpcChannels::close);
    channels.clear();
  }
}
