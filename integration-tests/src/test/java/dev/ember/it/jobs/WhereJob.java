package dev.ember.it.jobs;

import dev.ember.EmberSession;
import dev.ember.conf.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reports where an application's processes run and with which classpath: writes, to the file named
 * by its only argument (a Hadoop URI), a {@code driver <NM_HOST> <java.class.path>} line and one
 * {@code executor <NM_HOST> <java.class.path>} line per distinct executor that ran a task.
 */
public final class WhereJob {
  private WhereJob() {}

  public static void main(String[] args) throws IOException {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      numbers.add(i);
    }
    StringBuilder text = new StringBuilder(line("driver"));
    try (EmberSession ember =
        EmberSession.builder()
            .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
            .build()) {
      List<String> executors =
          ember.parallelize(numbers, 12).mapPartitions(WhereJob::executorLine).collect();
      for (String executor : new TreeSet<>(executors)) {
        text.append(executor);
      }
    }
    // The driver finds HDFS through the cluster's HADOOP_CONF_DIR on its classpath.
    Path out = new Path(URI.create(args[0]));
    try (OutputStream o = FileSystem.get(out.toUri(), new Configuration()).create(out)) {
      o.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Iterator<String> executorLine(Iterator<Integer> partition) {
    return List.of(line("executor")).iterator();
  }

  private static String line(String role) {
    return role
        + " "
        + System.getenv("NM_HOST")
        + " "
        + System.getProperty("java.class.path")
        + "\n";
  }
}
