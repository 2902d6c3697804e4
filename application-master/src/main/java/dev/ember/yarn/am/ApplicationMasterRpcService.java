package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.rpc.proto.ApplicationMasterEvent;
import dev.ember.rpc.proto.ApplicationMasterServiceGrpc;
import dev.ember.rpc.proto.DriverHeartbeat;
import dev.ember.rpc.proto.ExecutorLostEvent;
import dev.ember.rpc.proto.FinishRequest;
import dev.ember.rpc.proto.FinishResponse;
import dev.ember.rpc.proto.RequestExecutorsRequest;
import dev.ember.rpc.proto.RequestExecutorsResponse;
import dev.ember.rpc.proto.UpdateDemandRequest;
import dev.ember.rpc.proto.UpdateDemandResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster's {@code ApplicationMasterService} in client deploy mode: requests executor
 * containers for the remote driver and moves them to its locality demand, records its heartbeats
 * and its end in a {@link DriverLiveness} and pushes executor losses to it ({@link #executorLost}).
 * Served by an {@link dev.ember.rpc.RpcServer}, so only callers with the application's secret reach
 * it. Handlers run on gRPC's threads; thread-safe.
 */
final class ApplicationMasterRpcService
    extends ApplicationMasterServiceGrpc.ApplicationMasterServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationMasterRpcService.class);

  /** Asks the ResourceManager for executor containers (the allocator's side). */
  interface ExecutorRequests {
    /** {@link ExecutorAllocator#requestExecutors}. */
    void request(int count, String driverAddress);

    /** {@link ExecutorAllocator#updateDemand}. */
    void updateDemand(ExecutorDemand demand);
  }

  /** The allocator's requests. */
  static ExecutorRequests of(ExecutorAllocator allocator) {
    return new ExecutorRequests() {
      @Override
      public void request(int count, String driverAddress) {
        allocator.requestExecutors(count, driverAddress);
      }

      @Override
      public void updateDemand(ExecutorDemand demand) {
        allocator.updateDemand(demand);
      }
    };
  }

  private final ExecutorRequests requests;
  private final DriverLiveness liveness;
  private final List<StreamObserver<ApplicationMasterEvent>> watchers = new ArrayList<>();

  ApplicationMasterRpcService(ExecutorRequests requests, DriverLiveness liveness) {
    this.requests = requireNonNull(requests, "requests is null");
    this.liveness = requireNonNull(liveness, "liveness is null");
  }

  @Override
  public void requestExecutors(
      RequestExecutorsRequest request, StreamObserver<RequestExecutorsResponse> response) {
    if (request.getCount() < 0 || request.getDriverAddress().isEmpty()) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "RequestExecutors needs a count >= 0 and the driver's host:port, got "
                      + request.getCount()
                      + " and \""
                      + request.getDriverAddress()
                      + "\"")
              .asRuntimeException());
      return;
    }
    LOG.info(
        "The driver at {} asks for {} executors", request.getDriverAddress(), request.getCount());
    try {
      requests.request(request.getCount(), request.getDriverAddress());
    } catch (RuntimeException e) {
      response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      return;
    }
    response.onNext(RequestExecutorsResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void updateDemand(
      UpdateDemandRequest request, StreamObserver<UpdateDemandResponse> response) {
    ExecutorDemand demand;
    try {
      demand = DemandMessages.fromProto(request);
    } catch (IllegalArgumentException e) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription("UpdateDemand: " + e.getMessage())
              .asRuntimeException());
      return;
    }
    try {
      requests.updateDemand(demand);
    } catch (RuntimeException e) {
      response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      return;
    }
    response.onNext(UpdateDemandResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public StreamObserver<DriverHeartbeat> watch(StreamObserver<ApplicationMasterEvent> events) {
    synchronized (watchers) {
      watchers.add(events);
    }
    liveness.heartbeat();
    return new StreamObserver<>() {
      @Override
      public void onNext(DriverHeartbeat heartbeat) {
        liveness.heartbeat();
      }

      @Override
      public void onError(Throwable t) {
        forget(events);
        liveness.disconnected("its watch stream failed: " + Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        forget(events);
        liveness.disconnected("it closed its watch stream");
        events.onCompleted();
      }
    };
  }

  @Override
  public void finish(FinishRequest request, StreamObserver<FinishResponse> response) {
    LOG.info(
        "The driver finished: {}{}",
        request.getSucceeded() ? "succeeded" : "failed: ",
        request.getDiagnostics());
    liveness.finish(request.getSucceeded(), request.getDiagnostics());
    response.onNext(FinishResponse.getDefaultInstance());
    response.onCompleted();
  }

  /**
   * Tells the driver that an executor's container completed, so that it re-runs the executor's
   * tasks without waiting for its heartbeat timeout. Called by the allocator's callback thread.
   */
  void executorLost(String executorId, String reason) {
    ApplicationMasterEvent event =
        ApplicationMasterEvent.newBuilder()
            .setExecutorLost(
                ExecutorLostEvent.newBuilder().setExecutorId(executorId).setReason(reason))
            .build();
    synchronized (watchers) {
      for (StreamObserver<ApplicationMasterEvent> w : watchers) {
        try {
          w.onNext(event);
        } catch (RuntimeException e) {
          LOG.debug("Cannot tell the driver that executor {} is lost: {}", executorId, e);
        }
      }
    }
  }

  /** Whether a driver's watch stream is open (for tests). */
  boolean hasWatchers() {
    synchronized (watchers) {
      return !watchers.isEmpty();
    }
  }

  private void forget(StreamObserver<ApplicationMasterEvent> events) {
    synchronized (watchers) {
      watchers.remove(events);
    }
  }
}
