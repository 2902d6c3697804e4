package dev.ember.examples;

import dev.ember.EmberSession;
import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;

/**
 * Generates TPC-H tables in parallel: {@code TpchGenerate <scaleFactor> <outputDir> [table...]}
 * writes each table (default: all eight) as dbgen's pipe-delimited text into part files {@code
 * <outputDir>/<table>/part-NNNNN}, with {@code _SUCCESS} written last, through {@code
 * saveAsTextFile}. The lines are those of the dbgen-compatible generator {@code io.trino.tpch}; as
 * a multiset they equal what dbgen (or the generator run in one thread) writes for that scale
 * factor.
 *
 * <p>Each table is one job of one task per chunk ({@link TpchChunkPlan} picks the chunk count); the
 * driver only ships chunk descriptors, and each task generates its chunk's rows as it writes them,
 * so memory use does not grow with the scale factor. (The generator builds a 300 MB text pool once
 * per executor JVM for the comment columns.)
 *
 * <p>The master comes from {@code ember.master} (default {@code local[*]}), e.g. {@code
 * EMBER_MASTER=local[2] scripts/run-example TpchGenerate 1 /tmp/tpch-sf1}.
 *
 * <p>Exit codes: 0 success; 2 bad arguments or configuration, or an output directory that already
 * exists (checked for every table before anything is written); 1 job failure.
 */
public final class TpchGenerate {
  private TpchGenerate() {}

  /**
   * Runs the command line; returns normally on success (so that it can run as the driver in an
   * ApplicationMaster, where {@code System.exit} would end the application) and exits the JVM with
   * the exit code otherwise.
   */
  public static void main(String[] args) {
    int exit = run(args, ExampleConf::load, System.out, System.err);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Runs the command line {@code args} and returns its exit code, reporting progress to {@code out}
   * and errors to {@code err}.
   *
   * @param conf the session's configuration, loaded only once the arguments are valid
   */
  static int run(String[] args, Supplier<EmberConf> conf, PrintStream out, PrintStream err) {
    TpchGenerateArguments arguments;
    try {
      arguments = TpchGenerateArguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("TpchGenerate: " + e.getMessage());
      err.println(TpchGenerateArguments.USAGE);
      return 2;
    }
    try (EmberSession ember =
        EmberSession.builder().appName("TpchGenerate").conf(conf.get()).build()) {
      generate(ember, arguments, out);
      return 0;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("TpchGenerate: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("TpchGenerate failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Generates {@code arguments.tables()}, one job per table, after checking that none of their
   * output directories exists.
   *
   * @throws IllegalArgumentException if a table's output directory already exists
   * @throws dev.ember.JobFailedException if generating or writing a chunk fails
   */
  static void generate(EmberSession ember, TpchGenerateArguments arguments, PrintStream out) {
    for (String table : arguments.tables()) {
      OutputCheck.requireAbsent(ember, tableDirectory(arguments, table));
    }
    for (String table : arguments.tables()) {
      List<TpchChunk> chunks =
          TpchChunkPlan.chunks(table, arguments.scaleFactor(), ember.defaultParallelism());
      String directory = tableDirectory(arguments, table);
      ember.parallelize(chunks, chunks.size()).flatMap(TpchChunk::lines).saveAsTextFile(directory);
      out.println("Wrote " + table + " (" + chunks.size() + " part files) to " + directory);
    }
  }

  private static String tableDirectory(TpchGenerateArguments arguments, String table) {
    return new Path(arguments.outputDir(), table).toString();
  }
}
