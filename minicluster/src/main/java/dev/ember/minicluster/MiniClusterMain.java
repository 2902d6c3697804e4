package dev.ember.minicluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The JVM behind {@code scripts/ember-minicluster start}: starts an {@link EmbeddedCluster} under
 * {@code --dir}, writes {@code <dir>/conf} (a {@code HADOOP_CONF_DIR}) and then {@code
 * <dir>/minicluster.ready} (the web UI addresses, one {@code key=value} a line), and runs until the
 * process is stopped (SIGTERM closes the cluster). The script does the forking, pid file and {@code
 * stop}/{@code status}.
 *
 * <p>Exit codes: 0 after a stop, 1 when the cluster fails to start, 2 on a usage error.
 */
@Command(
    name = "ember-minicluster-jvm",
    mixinStandardHelpOptions = true,
    description = "Runs a single-machine YARN + HDFS cluster until stopped.")
public final class MiniClusterMain implements Callable<Integer> {
  /** Written once the cluster is up; its presence is the script's readiness signal. */
  public static final String READY_FILE = "minicluster.ready";

  /** Marks a directory as one this program created, so that {@code stop} may delete it. */
  public static final String MARKER_FILE = ".ember-minicluster";

  @Option(names = "--dir", required = true, description = "Directory for data, logs and conf.")
  Path dir;

  @Option(names = "--hosts", defaultValue = "1", description = "Simulated hosts (default 1).")
  int hosts;

  @Option(names = "--racks", defaultValue = "1", description = "Racks (default 1).")
  int racks;

  @Option(
      names = "--nodemanager-memory",
      defaultValue = "4096",
      description = "MiB each NodeManager offers (default 4096).")
  int memoryMiB;

  @Option(
      names = "--nodemanager-vcores",
      defaultValue = "8",
      description = "Virtual cores each NodeManager offers (default 8).")
  int vcores;

  @Option(
      names = "--mapreduce-shuffle",
      description = "Run MapReduce's mapreduce_shuffle service on every NodeManager (default off).")
  boolean mapReduceShuffle;

  public static void main(String[] args) {
    int code;
    try {
      code = new CommandLine(new MiniClusterMain()).execute(args);
    } catch (Throwable t) {
      // The daemons' non-daemon threads would keep a half-started cluster's JVM alive.
      System.err.println("ember-minicluster: the cluster failed to start: " + t);
      t.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    Path base = dir.toAbsolutePath().normalize();
    Files.createDirectories(base);
    Files.writeString(base.resolve(MARKER_FILE), "", StandardCharsets.UTF_8);
    Files.deleteIfExists(base.resolve(READY_FILE));
    EmbeddedCluster cluster;
    try {
      cluster =
          EmbeddedCluster.builder(base)
              .hosts(hosts)
              .racks(racks)
              .nodeManagerMemoryMiB(memoryMiB)
              .nodeManagerVcores(vcores)
              .mapReduceShuffle(mapReduceShuffle)
              .start();
    } catch (IllegalArgumentException e) {
      System.err.println("ember-minicluster: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("ember-minicluster: the cluster failed to start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cluster.close();
                  stopped.countDown();
                },
                "minicluster-shutdown"));
    writeReady(base, cluster);
    stopped.await();
    return 0;
  }

  private static void writeReady(Path base, EmbeddedCluster cluster) throws IOException {
    Path tmp = base.resolve(READY_FILE + ".tmp");
    try (PrintWriter out =
        new PrintWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), false)) {
      out.println("resourcemanager.webui=" + cluster.resourceManagerWebUi());
      out.println("namenode.webui=" + cluster.nameNodeWebUi());
      out.println("fs.defaultFS=" + cluster.defaultFs());
      out.println("hadoop.conf.dir=" + cluster.confDir());
      for (SimulatedHost host : cluster.hosts()) {
        out.println("host=" + host.name() + " " + host.rack());
      }
    }
    Files.move(tmp, base.resolve(READY_FILE), StandardCopyOption.ATOMIC_MOVE);
  }
}
