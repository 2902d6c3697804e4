package dev.ember.io;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.ember.Partition;
import dev.ember.scheduler.TaskLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One input split of a file dataset: a byte range of one file, and where its data lives. Built on
 * the driver from Hadoop's split computation and the file's block locations; shipped to the task
 * that reads it. Immutable.
 *
 * @param index the partition's index in its dataset
 * @param file the fully qualified file URI, e.g. {@code hdfs://nn:8020/logs/a.txt}
 * @param start the first byte of the split (in the compressed file, for compressed input)
 * @param length the split's length in bytes; 0 for an empty file
 * @param hosts the hosts holding replicas of the split's blocks, most bytes of the split first
 *     (from {@code BlockLocation.getHosts()}); empty for an empty file or a file system without
 *     locality
 * @param racks the racks of those replicas where the file system knows them (the parents of {@code
 *     BlockLocation.getTopologyPaths()}, e.g. {@code /default-rack}), most bytes first; the
 *     ApplicationMaster can ask YARN for containers on them
 * @param rackByHost the rack of each host in {@code hosts} that the file system placed (from the
 *     replica's topology path); hosts missing here are placed by the task scheduler's topology
 *     mapping
 */
public record FileSplitPartition(
    int index,
    String file,
    long start,
    long length,
    List<String> hosts,
    List<String> racks,
    Map<String, String> rackByHost)
    implements Partition {
  private static final long serialVersionUID = 2L;

  public FileSplitPartition {
    requireNonNull(file, "file is null");
    checkArgument(start >= 0 && length >= 0, "bad split %s+%s of %s", start, length, file);
    hosts = List.copyOf(hosts);
    racks = List.copyOf(racks);
    rackByHost = Map.copyOf(rackByHost);
  }

  /** A split whose hosts' racks are not known individually. */
  public FileSplitPartition(
      int index, String file, long start, long length, List<String> hosts, List<String> racks) {
    this(index, file, start, length, hosts, racks, Map.of());
  }

  /**
   * The task's preferred locations: each host, most bytes first, with its rack where known (from
   * {@code rackByHost}, or the only rack when all replicas are on one rack).
   */
  public List<TaskLocation> preferredLocations() {
    Optional<String> onlyRack = racks.size() == 1 ? Optional.of(racks.get(0)) : Optional.empty();
    return hosts.stream()
        .map(
            h ->
                new TaskLocation(
                    h, Optional.empty(), Optional.ofNullable(rackByHost.get(h)).or(() -> onlyRack)))
        .toList();
  }

  /** Whether the split starts at the beginning of its file (so it holds the file's first line). */
  public boolean isFirstInFile() {
    return start == 0;
  }
}
