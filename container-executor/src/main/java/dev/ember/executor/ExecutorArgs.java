package dev.ember.executor;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link ExecutorMain}. The secret is never an argument: only the path of a
 * file (mode 600) that holds it.
 *
 * <pre>
 * --driver HOST:PORT --executor-id ID --cores N --memory-budget SIZE --local-dirs DIR[,DIR...]
 * --secret-file PATH [--host HOST]
 * </pre>
 *
 * @param driverAddress the driver's RPC server, {@code host:port}
 * @param executorId this executor's id, unique in the application
 * @param host the host name this executor binds its server to and advertises
 * @param cores number of task threads
 * @param memoryBudgetBytes memory for execution and storage ({@code ember.memory.budget})
 * @param localDirs parents of this executor's scratch directories
 * @param secretFile file holding the application's 32-byte RPC secret
 */
public record ExecutorArgs(
    String driverAddress,
    String executorId,
    String host,
    int cores,
    long memoryBudgetBytes,
    List<Path> localDirs,
    Path secretFile) {
  static final String USAGE =
      "usage: ExecutorMain --driver HOST:PORT --executor-id ID --cores N --memory-budget SIZE"
          + " --local-dirs DIR[,DIR...] --secret-file PATH [--host HOST]";

  public ExecutorArgs {
    localDirs =
        new ExecutorSpec(driverAddress, executorId, host, cores, memoryBudgetBytes, localDirs)
            .localDirs();
    requireNonNull(secretFile, "secretFile is null");
  }

  /** Everything but the secret file. */
  public ExecutorSpec spec() {
    return new ExecutorSpec(driverAddress, executorId, host, cores, memoryBudgetBytes, localDirs);
  }

  /** The arguments in the form {@link #parse} reads (for launchers). */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--driver", driverAddress, "--executor-id", executorId, "--host", host));
    args.addAll(List.of("--cores", Integer.toString(cores)));
    args.addAll(List.of("--memory-budget", memoryBudgetBytes + "b"));
    args.addAll(
        List.of(
            "--local-dirs",
            String.join(",", localDirs.stream().map(Path::toString).toList()),
            "--secret-file",
            secretFile.toString()));
    return args;
  }

  /**
   * Parses a command line.
   *
   * @throws IllegalArgumentException naming the flag that is missing, unknown or malformed
   */
  public static ExecutorArgs parse(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (!List.of(
              "--driver",
              "--executor-id",
              "--host",
              "--cores",
              "--memory-budget",
              "--local-dirs",
              "--secret-file")
          .contains(flag)) {
        throw new IllegalArgumentException("unknown argument \"" + flag + "\"; " + USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
      }
      flags.put(flag, args[i + 1]);
    }
    int cores;
    try {
      cores = Integer.parseInt(required(flags, "--cores"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--cores: not a number: " + flags.get("--cores"), e);
    }
    long budget =
        EmberConf.empty()
            .with(CoreOptions.MEMORY_BUDGET.key(), required(flags, "--memory-budget"))
            .get(CoreOptions.MEMORY_BUDGET);
    List<Path> dirs =
        java.util.Arrays.stream(required(flags, "--local-dirs").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Path::of)
            .toList();
    return new ExecutorArgs(
        required(flags, "--driver"),
        required(flags, "--executor-id"),
        flags.getOrDefault("--host", "127.0.0.1"),
        cores,
        budget,
        dirs,
        Path.of(required(flags, "--secret-file")));
  }

  private static String required(Map<String, String> flags, String flag) {
    String value = flags.get(flag);
    if (value == null) {
      throw new IllegalArgumentException("missing " + flag + "; " + USAGE);
    }
    return value;
  }
}
