package dev.ember.yarn.am;

import dev.ember.executor.ExecutorMain;
import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.RpcWarmup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.yarn.api.ApplicationConstants;

/**
 * The main class of an executor container: completes {@link ExecutorMain}'s command line from the
 * container (its host from {@code NM_HOST}, its scratch directories from {@code LOCAL_DIRS}) and
 * hands it the RPC secret from the container's credentials, through a mode-600 file in a mode-700
 * directory of the container's private working directory that is deleted when the JVM exits.
 *
 * <p>Arguments: {@code --driver HOST:PORT --executor-id ID --cores N --memory-budget SIZE}. Exit
 * codes are {@link ExecutorMain}'s; 1 also when the secret cannot be read.
 */
public final class YarnExecutorMain {
  private YarnExecutorMain() {}

  public static void main(String[] argv) {
    // gRPC's and Netty's classes load on a second thread while this one reads the secret through
    // Hadoop's Configuration and Credentials, as in the ApplicationMaster's run().
    var unusedWarmup = RpcWarmup.startOnOwnServerInBackground();
    List<String> args = new ArrayList<>(List.of(argv));
    try {
      byte[] secret = SecretCredentials.fromContainer();
      Path dir =
          Files.createTempDirectory(
              Path.of(System.getenv(ApplicationConstants.Environment.PWD.name())),
              "secret",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file = dir.resolve("rpc-secret");
      RpcSecret.of(secret).writeTo(file);
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      args.addAll(List.of("--secret-file", file.toString()));
    } catch (IOException | RuntimeException e) {
      System.err.println("YarnExecutorMain: cannot read the RPC secret: " + e.getMessage());
      System.exit(1);
      return;
    }
    args.addAll(List.of("--host", System.getenv(ApplicationConstants.Environment.NM_HOST.name())));
    args.addAll(
        List.of("--local-dirs", System.getenv(ApplicationConstants.Environment.LOCAL_DIRS.name())));
    ExecutorMain.main(args.toArray(String[]::new));
  }
}
