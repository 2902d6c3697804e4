package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.ember.rpc.RpcChannels;
import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.proto.ApplicationMasterEvent;
import dev.ember.rpc.proto.ApplicationMasterServiceGrpc;
import dev.ember.rpc.proto.DriverHeartbeat;
import dev.ember.rpc.proto.FinishRequest;
import dev.ember.rpc.proto.RequestExecutorsRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of {@code ApplicationMasterService} in client deploy mode, used by
 * ember-submit: keeps one watch stream open to the ApplicationMaster and heartbeats on it, forwards
 * the AM's executor-loss events to a listener, asks for executors and tells the AM to finish. Every
 * call carries the application's secret. Thread-safe.
 */
public final class ApplicationMasterClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationMasterClient.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final String address;
  private final ManagedChannel channel;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setNameFormat("am-heartbeat").setDaemon(true).build());
  private final CompletableFuture<String> lost = new CompletableFuture<>();

  private volatile BiConsumer<String, String> executorLostListener = (id, reason) -> {};
  private Optional<StreamObserver<DriverHeartbeat>> stream = Optional.empty();
  private boolean finishing;

  private ApplicationMasterClient(String address, RpcSecret secret) {
    this.address = requireNonNull(address, "address is null");
    this.channel = RpcChannels.open(address, secret);
  }

  /**
   * Opens the watch stream to the AM at {@code address} ({@code host:port}) and heartbeats on it
   * every {@code interval}. Returns at once; a failed stream completes {@link #lost()}.
   *
   * @throws IllegalArgumentException if {@code address} is not host:port
   */
  public static ApplicationMasterClient connect(
      String address, RpcSecret secret, Duration interval) {
    ApplicationMasterClient client = new ApplicationMasterClient(address, secret);
    client.startWatch(interval);
    return client;
  }

  private void startWatch(Duration interval) {
    StreamObserver<DriverHeartbeat> requests =
        ApplicationMasterServiceGrpc.newStub(channel)
            .watch(
                new StreamObserver<ApplicationMasterEvent>() {
                  @Override
                  public void onNext(ApplicationMasterEvent event) {
                    if (event.hasExecutorLost()) {
                      executorLostListener.accept(
                          event.getExecutorLost().getExecutorId(),
                          event.getExecutorLost().getReason());
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    streamEnded("the watch stream failed: " + Status.fromThrowable(t));
                  }

                  @Override
                  public void onCompleted() {
                    streamEnded("the ApplicationMaster closed the watch stream");
                  }
                });
    synchronized (this) {
      stream = Optional.of(requests);
    }
    var unused =
        heartbeats.scheduleWithFixedDelay(
            this::heartbeat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void heartbeat() {
    if (lost.isDone()) {
      return;
    }
    try {
      stream.ifPresent(s -> s.onNext(DriverHeartbeat.getDefaultInstance()));
    } catch (RuntimeException e) {
      streamEnded("cannot send a heartbeat: " + e);
    }
  }

  private void streamEnded(String reason) {
    boolean expected;
    synchronized (this) {
      expected = finishing;
    }
    if (!expected) {
      LOG.warn("Lost the ApplicationMaster at {}: {}", address, reason);
    }
    lost.complete("lost the ApplicationMaster at " + address + ": " + reason);
  }

  /**
   * Completed (with the reason) when the watch stream to the AM ends other than through {@link
   * #close}: the AM exited, was killed, or cannot be reached.
   */
  public CompletableFuture<String> lost() {
    return lost;
  }

  /**
   * Calls {@code listener} (on a gRPC thread) with an executor id and a reason whenever the AM
   * reports that an executor's container completed. Replaces the previous listener.
   */
  public void onExecutorLost(BiConsumer<String, String> listener) {
    this.executorLostListener = requireNonNull(listener, "listener is null");
  }

  /**
   * Asks the AM for {@code count} executors that register with the driver at {@code driverAddress}.
   *
   * @throws StatusRuntimeException if the AM cannot be reached or refuses
   */
  public void requestExecutors(int count, String driverAddress) {
    var unused =
        ApplicationMasterServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .requestExecutors(
                RequestExecutorsRequest.newBuilder()
                    .setCount(count)
                    .setDriverAddress(driverAddress)
                    .build());
  }

  /**
   * Sends the AM the driver's current demand ({@link ExecutorAllocator#updateDemand}). Called by
   * the driver's demand reporter thread; blocks for the call (at most 30 s).
   *
   * @throws StatusRuntimeException if the AM cannot be reached or refuses
   */
  void updateDemand(ExecutorDemand demand) {
    var unused =
        ApplicationMasterServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .updateDemand(DemandMessages.toProto(demand));
  }

  /**
   * Tells the AM that the driver's main ended, so that it unregisters with this outcome, then
   * closes the watch stream.
   *
   * @param diagnostics why the application failed, empty when it succeeded
   * @throws StatusRuntimeException if the AM cannot be reached
   */
  public void finish(boolean succeeded, String diagnostics) {
    synchronized (this) {
      finishing = true;
    }
    var unused =
        ApplicationMasterServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .finish(
                FinishRequest.newBuilder()
                    .setSucceeded(succeeded)
                    .setDiagnostics(diagnostics)
                    .build());
  }

  /**
   * Stops heartbeating and closes the stream and the channel. Without a {@link #finish} first, the
   * AM treats this as the driver's loss and unregisters FAILED.
   */
  @Override
  public void close() {
    heartbeats.shutdownNow();
    synchronized (this) {
      finishing = true;
      stream.ifPresent(
          s -> {
            try {
              s.onCompleted();
            } catch (RuntimeException e) {
              LOG.debug("Closing the watch stream: {}", e.toString());
            }
          });
    }
    RpcChannels.close(channel);
  }
}
