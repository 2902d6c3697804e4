package dev.ember.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.InvalidInputException;
import org.apache.hadoop.mapred.JobConf;

/**
 * Driver-side planning of file input: lists the input with Hadoop's {@code FileInputFormat} (globs,
 * directories, comma-separated lists; names starting with {@code _} or {@code .} skipped) and cuts
 * it into splits, each with the hosts and racks of its blocks. Runs on the driver only, once per
 * dataset; every call talks to the NameNode. Shared by hdfs-io's file sources (text, CSV, Avro).
 */
public final class InputSplits {
  private static final String RECURSIVE = "mapreduce.input.fileinputformat.input.dir.recursive";

  private InputSplits() {}

  /** The job configuration that reads {@code path} with {@code options}. */
  public static JobConf jobConf(Configuration base, String path, SplitOptions options) {
    JobConf job = new JobConf(base);
    FileInputFormat.setInputPaths(job, path);
    job.setLong(
        org.apache.hadoop.mapreduce.lib.input.FileInputFormat.SPLIT_MINSIZE,
        options.minSplitSize());
    job.setBoolean(RECURSIVE, options.recursive());
    return job;
  }

  /**
   * The splits of the input, in Hadoop's order (files as listed, then by offset).
   *
   * @param source the source's name for messages, e.g. {@code csv}
   * @param splittable false to keep every file whole (one split per file)
   * @throws InputPathException if the path is missing, a glob matches nothing, or a directory holds
   *     a subdirectory and {@code recursive} is off
   * @throws UncheckedIOException if the file system fails
   */
  public static List<FileSplitPartition> plan(
      JobConf job, String path, SplitOptions options, boolean splittable, String source) {
    // The smaller of the option and Hadoop's own key (settable as ember.hadoop.<key>) wins.
    long maxSplitSize =
        Math.min(
            options.maxSplitSize(),
            job.getLong(
                org.apache.hadoop.mapreduce.lib.input.FileInputFormat.SPLIT_MAXSIZE,
                Long.MAX_VALUE));
    SplitInputFormat format = new SplitInputFormat(job, maxSplitSize, splittable);
    InputSplit[] splits;
    FileStatus[] files;
    try {
      files = format.listFiles(job);
      splits = format.getSplits(job, options.minPartitions());
    } catch (IOException e) {
      throw translate(e, path, source);
    }
    Map<Path, FileStatus> byPath = new HashMap<>();
    for (FileStatus f : files) {
      byPath.put(f.getPath(), f);
    }
    Map<Path, BlockLocation[]> blocks = new HashMap<>();
    List<FileSplitPartition> out = new ArrayList<>(splits.length);
    for (InputSplit s : splits) {
      FileSplit split = (FileSplit) s;
      BlockLocation[] fileBlocks =
          blocks.computeIfAbsent(split.getPath(), p -> blockLocations(job, byPath.get(p), p));
      out.add(locate(out.size(), split, fileBlocks));
    }
    return List.copyOf(out);
  }

  /**
   * The input files, as {@link #plan} would read them.
   *
   * @throws InputPathException as {@link #plan} does
   */
  static List<FileStatus> listFiles(JobConf job, String path, SplitOptions options, String source) {
    try {
      return Arrays.asList(new SplitInputFormat(job, options.maxSplitSize(), true).listFiles(job));
    } catch (IOException e) {
      throw translate(e, path, source);
    }
  }

  private static RuntimeException translate(IOException e, String path, String source) {
    if (e instanceof InvalidInputException invalid) {
      String problems =
          invalid.getProblems().stream()
              .map(Throwable::getMessage)
              .collect(Collectors.joining("; "));
      return new InputPathException(
          path,
          source
              + ": no input at "
              + path
              + " ("
              + problems
              + "). Check the path and its file system URI; files and directories whose names"
              + " start with '_' or '.' are skipped as hidden",
          e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Not a file: ")) {
      return new InputPathException(
          path,
          source
              + ": input "
              + path
              + " contains the subdirectory "
              + message.substring("Not a file: ".length())
              + "; read subdirectories with recursive(true), or name the files (e.g. with a glob)",
          e);
    }
    return new UncheckedIOException(source + ": cannot list input " + path + ": " + message, e);
  }

  private static BlockLocation[] blockLocations(JobConf job, FileStatus status, Path path) {
    if (status instanceof LocatedFileStatus located) {
      return located.getBlockLocations();
    }
    try {
      FileSystem fs = path.getFileSystem(job);
      FileStatus s = status != null ? status : fs.getFileStatus(path);
      return fs.getFileBlockLocations(s, 0, s.getLen());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot locate the blocks of " + path, e);
    }
  }

  /** The split with the hosts and racks of the blocks it overlaps, most overlapping bytes first. */
  private static FileSplitPartition locate(int index, FileSplit split, BlockLocation[] blocks) {
    long start = split.getStart();
    long end = start + split.getLength();
    Map<String, Long> hostBytes = new LinkedHashMap<>();
    Map<String, Long> rackBytes = new LinkedHashMap<>();
    Map<String, String> rackByHost = new LinkedHashMap<>();
    try {
      for (BlockLocation block : blocks) {
        long overlap =
            Math.min(end, block.getOffset() + block.getLength())
                - Math.max(start, block.getOffset());
        if (overlap <= 0) {
          continue;
        }
        for (String host : block.getHosts()) {
          hostBytes.merge(host, overlap, Long::sum);
        }
        String[] hosts = block.getHosts();
        String[] topologyPaths = block.getTopologyPaths();
        for (int i = 0; i < topologyPaths.length; i++) {
          int slash = topologyPaths[i].lastIndexOf('/');
          if (slash > 0) {
            String rack = topologyPaths[i].substring(0, slash);
            rackBytes.merge(rack, overlap, Long::sum);
            // HDFS lists hosts and topology paths replica by replica, in the same order.
            if (topologyPaths.length == hosts.length) {
              rackByHost.putIfAbsent(hosts[i], rack);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot locate the blocks of " + split.getPath(), e);
    }
    return new FileSplitPartition(
        index,
        split.getPath().toString(),
        start,
        split.getLength(),
        byBytesDescending(hostBytes),
        byBytesDescending(rackBytes),
        rackByHost);
  }

  private static List<String> byBytesDescending(Map<String, Long> bytes) {
    return bytes.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }
}
