package dev.ember.benchmarks.yarn;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * Prints {@code ANSWER <path>\t<answer>} for each path on the command line ({@code MISSING} as the
 * answer if the file cannot be read), reaching the cluster through {@code HADOOP_CONF_DIR} on the
 * classpath. Exit code 0 even for missing answers: the harness decides.
 */
public final class ReadAnswers {
  private ReadAnswers() {}

  public static void main(String[] args) {
    Configuration conf = new Configuration();
    for (String path : args) {
      String answer;
      try {
        answer = AnswerFile.read(conf, path);
      } catch (IOException e) {
        answer = "MISSING (" + e.getMessage().lines().findFirst().orElse("") + ")";
      }
      System.out.println("ANSWER " + path + "\t" + answer);
    }
  }
}
