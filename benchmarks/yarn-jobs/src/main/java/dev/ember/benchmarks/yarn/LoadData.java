package dev.ember.benchmarks.yarn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loads the benchmark's input into the cluster's HDFS: {@code LoadData <local lineitem dir> <hdfs
 * dir>} copies the {@code part-*} files of {@code lineitem} to {@code <hdfs dir>/lineitem} and
 * writes {@code <hdfs dir>/ten/part-00000}, ten lines, the input of MapReduce's trivial job
 * (MapReduce has no way to count an in-memory collection). Existing files are replaced.
 */
public final class LoadData {
  private LoadData() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: LoadData <local lineitem directory> <hdfs directory>");
      System.exit(2);
    }
    Configuration conf = new Configuration();
    Path target = new Path(args[1]);
    FileSystem fs = target.getFileSystem(conf);
    Path lineitem = new Path(target, "lineitem");
    var unused = fs.delete(lineitem, true);
    var unusedToo = fs.mkdirs(lineitem);
    java.io.File[] parts =
        new java.io.File(args[0]).listFiles((d, name) -> name.startsWith("part-"));
    if (parts == null || parts.length == 0) {
      System.err.println("LoadData: no part-* files in " + args[0]);
      System.exit(1);
    }
    long bytes = 0;
    for (java.io.File part : parts) {
      fs.copyFromLocalFile(new Path(part.toURI()), new Path(lineitem, part.getName()));
      bytes += part.length();
    }
    try (OutputStream out = fs.create(new Path(target, "ten/part-00000"), true)) {
      for (int i = 1; i <= 10; i++) {
        out.write((i + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    System.out.println(
        "Loaded " + parts.length + " lineitem files (" + bytes + " bytes) into " + lineitem);
  }
}
