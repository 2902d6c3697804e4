package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.client.HdfsClientConfigKeys;
import org.junit.jupiter.api.Test;

class HdfsWriteBackoffTest {
  @Test
  void hadoopsDefaultsAreReplacedWithTheSameTotalWait() {
    Configuration conf = new Configuration(false);
    addResource(conf, "hdfs-default.xml", HdfsWriteBackoff.INITIAL_DELAY_KEY, "400");

    HdfsWriteBackoff.apply(conf);

    assertThat(conf.getInt(HdfsWriteBackoff.INITIAL_DELAY_KEY, -1))
        .isEqualTo(HdfsWriteBackoff.INITIAL_DELAY_MS);
    assertThat(conf.getInt(HdfsWriteBackoff.RETRIES_KEY, -1)).isEqualTo(HdfsWriteBackoff.RETRIES);
    long total = (long) HdfsWriteBackoff.INITIAL_DELAY_MS * ((1L << HdfsWriteBackoff.RETRIES) - 1);
    long hadoops =
        (long) HdfsClientConfigKeys.BlockWrite.LOCATEFOLLOWINGBLOCK_INITIAL_DELAY_MS_DEFAULT
            * ((1L << HdfsClientConfigKeys.BlockWrite.LOCATEFOLLOWINGBLOCK_RETRIES_DEFAULT) - 1);
    assertThat(total).isBetween(hadoops, 2 * hadoops);
  }

  @Test
  void anUnsetKeyIsSet() {
    Configuration conf = HdfsWriteBackoff.apply(new Configuration(false));

    assertThat(conf.getInt(HdfsWriteBackoff.INITIAL_DELAY_KEY, -1))
        .isEqualTo(HdfsWriteBackoff.INITIAL_DELAY_MS);
  }

  @Test
  void aValueFromASiteFileIsKeptAndSoIsTheOtherKey() {
    Configuration conf = new Configuration(false);
    addResource(conf, "hdfs-site.xml", HdfsWriteBackoff.RETRIES_KEY, "3");

    HdfsWriteBackoff.apply(conf);

    assertThat(conf.get(HdfsWriteBackoff.RETRIES_KEY)).isEqualTo("3");
    assertThat(conf.get(HdfsWriteBackoff.INITIAL_DELAY_KEY)).isNull();
  }

  @Test
  void aValueSetInCodeIsKept() {
    Configuration conf = new Configuration(false);
    conf.set(HdfsWriteBackoff.INITIAL_DELAY_KEY, "1000");

    HdfsWriteBackoff.apply(conf);

    assertThat(conf.get(HdfsWriteBackoff.INITIAL_DELAY_KEY)).isEqualTo("1000");
    assertThat(conf.get(HdfsWriteBackoff.RETRIES_KEY)).isNull();
  }

  /** Adds a Hadoop XML resource named {@code name} holding one property. */
  private static void addResource(Configuration conf, String name, String key, String value) {
    String xml =
        "<configuration><property><name>"
            + key
            + "</name><value>"
            + value
            + "</value></property></configuration>";
    conf.addResource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), name);
  }
}
