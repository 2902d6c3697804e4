package dev.ember.benchmarks.yarn.mr;

import dev.ember.benchmarks.workloads.Answers;
import dev.ember.benchmarks.workloads.Q1Aggregate;
import dev.ember.benchmarks.yarn.AnswerFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The YARN benchmark's jobs with Hadoop MapReduce, submitted to YARN with the {@link Job} API as
 * {@code hadoop jar} would run a job's main: {@code MapReduceJobs <trivial|wordcount|q1> <input
 * dir> <output dir> <answer file>}, the cluster from {@code HADOOP_CONF_DIR} on the classpath. Jars
 * the tasks need besides this one (the workloads jar) come from the system property {@code
 * bench.libjars} (comma-separated local paths, as {@code -libjars} takes them).
 *
 * <p>After the job, this client reads the job's output from HDFS and writes the same answer the
 * Ember and Spark drivers compute ({@link AnswerFile}): {@code trivial} is a map-only job over a
 * 10-line file (the count of its output lines), {@code wordcount} and {@code q1} run 2 and 1
 * reducers with a combiner. Everything else is MapReduce's defaults (containers of 1 GiB, the
 * ApplicationMaster's 1.5 GiB, progress polled every second). Exit code 0 if the job succeeded.
 */
public final class MapReduceJobs {
  private MapReduceJobs() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println(
          "usage: MapReduceJobs <trivial|wordcount|q1> <input dir> <output dir> <answer file>");
      System.exit(2);
    }
    String workload = args[0];
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "yarn");
    // No JobHistoryServer runs on the single-machine cluster: without this, the client would try
    // to reach one at 0.0.0.0:10020 once the ApplicationMaster has exited.
    conf.set("mapreduce.jobhistory.address", "");
    String libjars = System.getProperty("bench.libjars", "");
    if (!libjars.isEmpty()) {
      conf.set("tmpjars", libjars);
    }
    Path output = new Path(args[2]);
    FileSystem fs = output.getFileSystem(conf);
    var unused = fs.delete(output, true);

    Job job = Job.getInstance(conf, "bench-mapreduce-" + workload);
    job.setJarByClass(MapReduceJobs.class);
    FileOutputFormat.setOutputPath(job, output);
    switch (workload) {
      case "trivial":
        FileInputFormat.addInputPath(job, new Path(args[1], "ten"));
        job.setMapperClass(Mappers.Identity.class);
        job.setNumReduceTasks(0);
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(NullWritable.class);
        break;
      case "wordcount":
        FileInputFormat.addInputPath(job, new Path(args[1], "lineitem"));
        job.setMapperClass(Mappers.Words.class);
        job.setCombinerClass(Mappers.Sum.class);
        job.setReducerClass(Mappers.Sum.class);
        job.setNumReduceTasks(2);
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(LongWritable.class);
        break;
      case "q1":
        FileInputFormat.addInputPath(job, new Path(args[1], "lineitem"));
        job.setMapperClass(Mappers.Q1.class);
        job.setCombinerClass(Mappers.Q1Sum.class);
        job.setReducerClass(Mappers.Q1Sum.class);
        job.setNumReduceTasks(1);
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(Q1Writable.class);
        break;
      default:
        System.err.println("unknown workload '" + workload + "'; use trivial, wordcount or q1");
        System.exit(2);
        return;
    }
    if (!job.waitForCompletion(true)) {
      System.err.println("MapReduceJobs: job " + job.getJobID() + " did not succeed");
      System.exit(1);
    }
    AnswerFile.write(conf, args[3], answer(workload, outputLines(fs, output)));
  }

  private static String answer(String workload, List<String> lines) {
    switch (workload) {
      case "trivial":
        return "count=" + lines.size();
      case "wordcount":
        long[] summary = {0, 0, 0};
        for (String line : lines) {
          int tab = line.lastIndexOf('\t');
          summary =
              Answers.sum(
                  summary,
                  Answers.wordSummary(
                      line.substring(0, tab), Long.parseLong(line.substring(tab + 1))));
        }
        return Answers.wordCount(summary);
      default:
        Map<String, Q1Aggregate> groups = new TreeMap<>();
        for (String line : lines) {
          int tab = line.indexOf('\t');
          groups.put(line.substring(0, tab), Q1Writable.parse(line.substring(tab + 1)));
        }
        return Q1Aggregate.answer(groups);
    }
  }

  /** The lines of the job's {@code part-*} files. */
  private static List<String> outputLines(FileSystem fs, Path output) throws IOException {
    List<String> lines = new ArrayList<>();
    for (FileStatus part : fs.listStatus(output, p -> p.getName().startsWith("part-"))) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      }
    }
    return lines;
  }
}
