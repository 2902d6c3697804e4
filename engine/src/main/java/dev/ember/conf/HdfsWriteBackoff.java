package dev.ember.conf;

import java.util.Arrays;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.client.HdfsClientConfigKeys;

/**
 * A shorter first wait when an HDFS client closes a file, for the many small files a short
 * application writes (ember-submit's staging files, task output files).
 *
 * <p>When an HDFS client closes a file, the NameNode completes it only once a DataNode has reported
 * the last block; a close that comes before that report ({@code DFSOutputStream#completeFile})
 * sleeps {@code dfs.client.block.write.locateFollowingBlock.initial.delay.ms} (400 ms by default)
 * and tries again, doubling the wait each time, {@code
 * dfs.client.block.write.locateFollowingBlock.retries} (5) times. On a quiet cluster the report
 * arrives a few milliseconds after the close, so a small file's close costs ~400 ms almost every
 * time: measured on the single-machine cluster, two of ember-submit's staging files cost 2 x ~420
 * ms (benchmarks/results/2026-12-05-yarn-startup/startup.md, round 5). The same schedule governs
 * the retries of {@code addBlock} when the previous block is not yet replicated.
 *
 * <p>{@link #apply} starts at {@value #INITIAL_DELAY_MS} ms and allows {@value #RETRIES} retries,
 * so the total wait before giving up (25 x (2^9 - 1) ms = 12.8 s) stays that of Hadoop's defaults
 * (400 x (2^5 - 1) ms = 12.4 s) while the first retry comes 16 x sooner. Either key set in a {@code
 * *-site.xml} file or by {@code ember.hadoop.*} is left as it is (both are, so that the budget is
 * not changed behind the user's back).
 *
 * <p>Stateless; {@link #apply} mutates only the configuration it is given.
 */
public final class HdfsWriteBackoff {
  /** Hadoop's key for the first wait, ms. */
  public static final String INITIAL_DELAY_KEY =
      HdfsClientConfigKeys.BlockWrite.LOCATEFOLLOWINGBLOCK_INITIAL_DELAY_MS_KEY;

  /** Hadoop's key for the number of retries. */
  public static final String RETRIES_KEY =
      HdfsClientConfigKeys.BlockWrite.LOCATEFOLLOWINGBLOCK_RETRIES_KEY;

  /** Ember's first wait, ms. */
  static final int INITIAL_DELAY_MS = 25;

  /** Ember's number of retries. */
  static final int RETRIES = 9;

  /** Where Hadoop's own defaults come from: a value from only these was not chosen by anyone. */
  private static final Set<String> DEFAULT_SOURCES = Set.of("hdfs-default.xml", "core-default.xml");

  private HdfsWriteBackoff() {}

  /**
   * Sets Ember's first wait and retries in {@code conf} unless either key has a value from
   * somewhere other than Hadoop's default files.
   *
   * @return {@code conf}
   */
  public static Configuration apply(Configuration conf) {
    if (!chosen(conf, INITIAL_DELAY_KEY) && !chosen(conf, RETRIES_KEY)) {
      conf.setInt(INITIAL_DELAY_KEY, INITIAL_DELAY_MS);
      conf.setInt(RETRIES_KEY, RETRIES);
    }
    return conf;
  }

  private static boolean chosen(Configuration conf, String key) {
    if (conf.get(key) == null) {
      return false;
    }
    String[] sources = conf.getPropertySources(key);
    return sources == null || !Arrays.stream(sources).allMatch(DEFAULT_SOURCES::contains);
  }
}
