package dev.ember.executor;

import dev.ember.rpc.RpcSecret;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of an executor process, launched in a YARN container or, for {@code
 * local-cluster}, as a child JVM of the driver. See {@link ExecutorArgs} for the command line; the
 * application's RPC secret is read from the file given by {@code --secret-file}, which must be
 * readable only by its owner.
 *
 * <p>Exit codes: 0 when the driver asked the executor to shut down; 1 when the driver was lost or
 * the executor failed; 2 for a malformed command line.
 */
public final class ExecutorMain {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorMain.class);

  private ExecutorMain() {}

  public static void main(String[] argv) {
    ExecutorArgs args;
    try {
      args = ExecutorArgs.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("ExecutorMain: " + e.getMessage());
      System.exit(2);
      return;
    }
    int code;
    try {
      RpcSecret secret = RpcSecret.readFrom(args.secretFile());
      code = new ExecutorProcess(args.spec(), secret).run() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      LOG.error("Executor {} failed", args.executorId(), e);
      code = 1;
    }
    System.exit(code);
  }
}
