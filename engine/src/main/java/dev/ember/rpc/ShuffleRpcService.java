package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.ember.rpc.proto.FetchShuffleBlockRequest;
import dev.ember.rpc.proto.ShuffleBlockChunk;
import dev.ember.rpc.proto.ShuffleServiceGrpc;
import dev.ember.shuffle.ShuffleFiles;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;

/**
 * Serves this executor's map outputs to reducers on other executors (the shuffle server of Spark's
 * {@code BlockTransferService}): streams the bytes of one block in chunks of {@value #CHUNK_BYTES}
 * bytes, sending only as fast as the client reads (gRPC flow control). Runs on gRPC handler threads
 * behind {@link SecretServerInterceptor}. A missing block ends the call with {@code NOT_FOUND}.
 */
public final class ShuffleRpcService extends ShuffleServiceGrpc.ShuffleServiceImplBase {
  static final int CHUNK_BYTES = 64 << 10;

  private final ShuffleFiles files;

  public ShuffleRpcService(ShuffleFiles files) {
    this.files = requireNonNull(files, "files is null");
  }

  @Override
  public void fetchShuffleBlock(
      FetchShuffleBlockRequest request, StreamObserver<ShuffleBlockChunk> response) {
    String block =
        "shuffle_"
            + request.getShuffleId()
            + "_"
            + request.getMapId()
            + "_"
            + request.getReduceId();
    InputStream in;
    try {
      in = files.openBlock(request.getShuffleId(), request.getMapId(), request.getReduceId());
    } catch (IOException e) {
      response.onError(
          Status.NOT_FOUND
              .withDescription("block " + block + " is not on this executor: " + e)
              .asException());
      return;
    }
    ServerCallStreamObserver<ShuffleBlockChunk> out =
        (ServerCallStreamObserver<ShuffleBlockChunk>) response;
    Sender sender = new Sender(in, out, block);
    out.setOnCancelHandler(sender::close);
    out.setOnReadyHandler(sender::sendWhileReady);
  }

  /** Sends chunks while the transport is ready; gRPC calls it again when it is ready for more. */
  private static final class Sender {
    private final InputStream in;
    private final ServerCallStreamObserver<ShuffleBlockChunk> out;
    private final String block;
    private boolean done;

    Sender(InputStream in, ServerCallStreamObserver<ShuffleBlockChunk> out, String block) {
      this.in = in;
      this.out = out;
      this.block = block;
    }

    synchronized void sendWhileReady() {
      try {
        while (!done && out.isReady()) {
          byte[] chunk = in.readNBytes(CHUNK_BYTES);
          if (chunk.length == 0) {
            close();
            out.onCompleted();
            return;
          }
          out.onNext(ShuffleBlockChunk.newBuilder().setData(ByteString.copyFrom(chunk)).build());
        }
      } catch (IOException e) {
        close();
        out.onError(
            Status.DATA_LOSS
                .withDescription("cannot read block " + block + ": " + e)
                .asException());
      }
    }

    synchronized void close() {
      if (!done) {
        done = true;
        try {
          in.close();
        } catch (IOException e) {
          // Nothing to do: the file was only read.
        }
      }
    }
  }
}
