package dev.ember.examples;

import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.conf.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;

/**
 * The classic word count: {@code WordCount <input> <output>} reads text files at {@code input} (any
 * Hadoop FileSystem path), splits lines into words with {@link StringTokenizer}'s default
 * delimiters (space, tab, newline, carriage return, form feed), as Hadoop's example does, keeps
 * case, and writes {@code word<TAB>count} lines into part files under {@code output}.
 *
 * <p>The master comes from the {@code ember.master} property (default {@code local[*]}), e.g.
 * {@code java -Dember.master=local[2] -cp ... dev.ember.examples.WordCount in out}.
 *
 * <p>Exit codes: 0 success, 2 bad arguments or configuration, 1 job failure.
 */
public final class WordCount {
  private WordCount() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: WordCount <input path> <output directory>");
      System.exit(2);
    }
    try (EmberSession ember =
        EmberSession.builder().appName("WordCount").conf(ExampleConf.load()).build()) {
      long words = run(ember, args[0], args[1]);
      System.out.println("Wrote " + words + " distinct words to " + args[1]);
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println("WordCount: " + e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      System.err.println("WordCount failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Counts the words of {@code input} and saves them under {@code output}.
   *
   * @return the number of distinct words
   */
  public static long run(EmberSession ember, String input, String output) {
    var counts =
        ember
            .textFile(input)
            .flatMap(line -> tokens(line).iterator())
            .mapToPair(word -> Pair.of(word, 1L))
            .reduceByKey(Long::sum)
            .cache();
    counts.saveAsTextFile(output);
    return counts.count();
  }

  static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    StringTokenizer tokenizer = new StringTokenizer(line);
    while (tokenizer.hasMoreTokens()) {
      out.add(tokenizer.nextToken());
    }
    return out;
  }
}
