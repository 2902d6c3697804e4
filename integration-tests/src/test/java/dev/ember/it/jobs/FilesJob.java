package dev.ember.it.jobs;

import dev.ember.EmberSession;
import dev.ember.conf.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads what {@code --files lookup.txt}, {@code --jars} (a jar holding {@code
 * ember-it-extra/marker.txt}) and {@code --archives env.zip#env} (holding {@code data/x.txt})
 * localized, in the driver and in tasks on the executors, and writes {@code driver=...} and {@code
 * executors=...} lines to the file named by its only argument (a Hadoop URI).
 */
public final class FilesJob {
  private FilesJob() {}

  public static void main(String[] args) throws IOException {
    try (EmberSession ember =
        EmberSession.builder()
            .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
            .build()) {
      List<String> seen = ember.parallelize(List.of(1, 2, 3, 4), 4).map(i -> resources()).collect();
      String text = "driver=" + resources() + "\nexecutors=" + new TreeSet<>(seen) + "\n";
      org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(URI.create(args[0]));
      try (OutputStream o = FileSystem.get(out.toUri(), new Configuration()).create(out)) {
        o.write(text.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** The three localized contents, in the current working directory and on the classpath. */
  static String resources() throws IOException {
    String file = Files.readString(Path.of("lookup.txt")).strip();
    String archive = Files.readString(Path.of("env", "data", "x.txt")).strip();
    String jar;
    try (InputStream in = ClassLoader.getSystemResourceAsStream("ember-it-extra/marker.txt")) {
      jar =
          in == null ? "no marker on the classpath" : new String(in.readAllBytes(), UTF_8).strip();
    }
    return file + "|" + jar + "|" + archive;
  }

  private static final java.nio.charset.Charset UTF_8 = StandardCharsets.UTF_8;
}
