package dev.ember.executor;

import static java.util.Objects.requireNonNull;

import dev.ember.cluster.DriverServices;
import dev.ember.cluster.ExecutorLauncher;
import dev.ember.conf.ConfigException;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.rpc.RpcSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches {@code local-cluster} executors as child JVMs of the driver, with the driver's {@code
 * java.class.path}. The secret goes into a mode-600 file in a private (mode 700) work directory
 * under {@code java.io.tmpdir}; each child's stdout and stderr go to {@code executor-<id>.log} in
 * that directory, which is kept after the session for diagnosis, while the secret file is deleted.
 * Called on the driver's thread; not thread-safe.
 */
final class ChildJvmLauncher implements ExecutorLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ChildJvmLauncher.class);

  private final LocalClusterSpec spec;
  private final DriverServices services;
  private final RpcSecret secret;
  private final long memoryBudgetBytes;
  private final List<Process> processes = new ArrayList<>();
  private Optional<Path> workDir = Optional.empty();

  ChildJvmLauncher(LocalClusterSpec spec, DriverServices services, RpcSecret secret) {
    this.spec = requireNonNull(spec, "spec is null");
    this.services = requireNonNull(services, "services is null");
    this.secret = requireNonNull(secret, "secret is null");
    EmberConf conf = services.conf();
    long heap = (long) spec.memoryMiB() << 20;
    this.memoryBudgetBytes =
        conf.getOptional(CoreOptions.MEMORY_BUDGET)
            .orElse((long) ((heap - (300L << 20)) * conf.get(CoreOptions.MEMORY_FRACTION)));
    if (memoryBudgetBytes <= 0 || memoryBudgetBytes >= heap) {
      throw new ConfigException(
          "local-cluster executors with "
              + spec.memoryMiB()
              + " MiB of heap leave no room for a memory budget of "
              + memoryBudgetBytes
              + " bytes; give them more memory or lower ember.memory.budget");
    }
  }

  @Override
  public void launch(String driverAddress) {
    try {
      Path dir =
          Files.createTempDirectory(
              "ember-local-cluster-" + services.appId() + "-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      workDir = Optional.of(dir);
      Path secretFile = dir.resolve("rpc-secret");
      secret.writeTo(secretFile);
      List<Path> localDirs =
          Arrays.stream(
                  services
                      .conf()
                      .getOptional(CoreOptions.LOCAL_DIRS)
                      .orElse(System.getProperty("java.io.tmpdir"))
                      .split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(Path::of)
              .toList();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      for (int i = 1; i <= spec.executors(); i++) {
        String id = Integer.toString(i);
        ExecutorArgs args =
            new ExecutorArgs(
                driverAddress,
                id,
                "127.0.0.1",
                spec.coresPerExecutor(),
                memoryBudgetBytes,
                localDirs,
                secretFile);
        List<String> command = new ArrayList<>();
        command.addAll(
            List.of(
                java,
                "-Xmx" + spec.memoryMiB() + "m",
                "-XX:+UseParallelGC",
                "-cp",
                System.getProperty("java.class.path"),
                ExecutorMain.class.getName()));
        command.addAll(args.toArgs());
        Path log = dir.resolve("executor-" + id + ".log");
        processes.add(
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start());
        LOG.info("Launched executor {} (logs in {})", id, log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch local-cluster executors: " + e.getMessage(), e);
    }
  }

  @Override
  public int expectedExecutors() {
    return spec.executors();
  }

  @Override
  public int expectedCores() {
    return spec.executors() * spec.coresPerExecutor();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          LOG.warn("Executor process {} did not exit after Shutdown; killing it", p.pid());
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    workDir.ifPresent(
        dir -> {
          try {
            Files.deleteIfExists(dir.resolve("rpc-secret"));
          } catch (IOException e) {
            LOG.warn("Cannot delete the RPC secret file in {}: {}", dir, e.toString());
          }
        });
  }
}
