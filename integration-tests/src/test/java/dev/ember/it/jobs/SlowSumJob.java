package dev.ember.it.jobs;

import dev.ember.EmberSession;
import dev.ember.conf.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job whose 12 tasks each take 3 seconds, for failure injection while it runs: every task first
 * creates an empty marker file {@code <markerDir>/started-<n>}, then sleeps, then returns n. The
 * driver writes {@code sum=78} to the file named by its first argument. Arguments: output URI,
 * marker directory URI.
 */
public final class SlowSumJob {
  private SlowSumJob() {}

  public static void main(String[] args) throws IOException {
    String markers = args[1];
    try (EmberSession ember =
        EmberSession.builder()
            .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
            .build()) {
      List<Integer> numbers = IntStream.rangeClosed(1, 12).boxed().toList();
      long sum =
          ember
              .parallelize(numbers, 12)
              .map(
                  n -> {
                    Path marker = new Path(URI.create(markers + "/started-" + n));
                    FileSystem.get(marker.toUri(), new Configuration()).create(marker).close();
                    Thread.sleep(3_000);
                    return (long) n;
                  })
              .reduce(Long::sum);
      Path out = new Path(URI.create(args[0]));
      try (OutputStream o = FileSystem.get(out.toUri(), new Configuration()).create(out)) {
        o.write(("sum=" + sum + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
