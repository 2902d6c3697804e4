package dev.ember.it.jobs;

import dev.ember.EmberSession;
import dev.ember.conf.ConfigLoader;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.TaskLocality;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reports where the tasks of an input stage ran, from the driver's job summary: counts the lines of
 * the HDFS file or directory named by its first argument (one task per input split) and writes, to
 * the file named by its second argument (a Hadoop URI), a {@code count=<lines>} line, then one
 * {@code <LEVEL>=<tasks>} line per locality level of that job's successful tasks ({@link
 * JobSummary#localityCounts()}, all five levels).
 */
public final class LocalityJob {
  private LocalityJob() {}

  public static void main(String[] args) throws IOException {
    List<JobSummary> jobs = new CopyOnWriteArrayList<>();
    StringBuilder text = new StringBuilder();
    try (EmberSession ember =
        EmberSession.builder()
            .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
            .build()) {
      ember.addJobListener(jobs::add);
      long count = ember.textFile(args[0]).count();
      text.append("count=").append(count).append('\n');
    }
    JobSummary job = jobs.get(jobs.size() - 1);
    for (Map.Entry<TaskLocality, Integer> e : job.localityCounts().entrySet()) {
      text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    // The driver finds HDFS through the cluster's HADOOP_CONF_DIR on its classpath.
    Path out = new Path(URI.create(args[1]));
    try (OutputStream o = FileSystem.get(out.toUri(), new Configuration()).create(out)) {
      o.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
