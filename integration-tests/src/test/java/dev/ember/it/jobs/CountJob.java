package dev.ember.it.jobs;

import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.conf.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A trivial job for the YARN integration tests: counts a 10-element dataset and reduces a few pairs
 * by key across a shuffle, then writes {@code count=10} and {@code key=sum} lines to the file named
 * by its only argument (a Hadoop URI).
 */
public final class CountJob {
  private CountJob() {}

  public static void main(String[] args) throws IOException {
    try (EmberSession ember =
        EmberSession.builder()
            .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
            .build()) {
      long count = ember.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 4).count();
      Map<String, Integer> sums =
          new TreeMap<>(
              ember
                  .parallelizePairs(
                      List.of(Pair.of("a", 1), Pair.of("b", 2), Pair.of("a", 3), Pair.of("c", 5)),
                      3)
                  .reduceByKey(Integer::sum)
                  .collectAsMap());
      StringBuilder text = new StringBuilder("count=" + count + "\n");
      sums.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      Path out = new Path(URI.create(args[0]));
      try (OutputStream o = FileSystem.get(out.toUri(), new Configuration()).create(out)) {
        o.write(text.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
