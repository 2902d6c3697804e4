package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.TaskLocality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rack locality from HDFS block locations to the job summary: the local executor's host is placed
 * by Hadoop's {@code TableMapping} on the rack of the file's first block, so the splits with a
 * replica on that rack run RACK_LOCAL and the others ANY (waits are 0 to keep the test fast; the
 * rack queue is still searched before ANY).
 */
class RackLocalityTest {
  @TempDir static Path base;
  static MiniDfs dfs;
  static EmberSession ember;
  static String executorRack;
  static final List<JobSummary> jobs = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    dfs = MiniDfs.start(base.resolve("dfs"));
    dfs.write("/rack/in.txt", String.join("\n", TextSourceTest.randomLines(80_000, 11)) + "\n");
    BlockLocation first =
        dfs.fs().getFileBlockLocations(new org.apache.hadoop.fs.Path("/rack/in.txt"), 0, 1)[0];
    String topology = first.getTopologyPaths()[0];
    executorRack = topology.substring(0, topology.lastIndexOf('/'));
    Path table = base.resolve("topology.table");
    // TableMapping looks hosts up by IP address (CachedDNSToSwitchMapping normalizes names).
    Files.writeString(table, "localhost " + executorRack + "\n127.0.0.1 " + executorRack + "\n");
    ember =
        EmberSession.builder()
            .master("local[3]")
            .config(
                "ember.hadoop.net.topology.node.switch.mapping.impl",
                "org.apache.hadoop.net.TableMapping")
            .config("ember.hadoop.net.topology.table.file.name", table.toString())
            .config("ember.locality.wait", "0s")
            .build();
    ember.addJobListener(jobs::add);
  }

  @AfterAll
  static void stop() {
    ember.close();
    dfs.close();
  }

  @Test
  void splitsOnTheExecutorsRackRunRackLocal() {
    Dataset<String> read = TextSource.read(ember, dfs.uri("/rack/in.txt"));
    long onRack = 0;
    for (Partition p : read.partitions()) {
      if (((FileSplitPartition) p).racks().contains(executorRack)) {
        onRack++;
      }
    }

    assertThat(read.count()).isEqualTo(80_000);

    assertThat(onRack).isPositive();
    JobSummary job = jobs.get(jobs.size() - 1);
    assertThat(job.localityCounts())
        .containsEntry(TaskLocality.RACK_LOCAL, (int) onRack)
        .containsEntry(TaskLocality.ANY, read.numPartitions() - (int) onRack);
    assertThat(job.stages().get(0).metrics().tasksAt(TaskLocality.RACK_LOCAL)).isEqualTo(onRack);
  }
}
