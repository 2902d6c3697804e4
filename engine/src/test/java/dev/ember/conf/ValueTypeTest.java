package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

  @Test
  void parsesSizesWithBinaryUnits() {
    assertThat(ValueType.SIZE.parse("1024")).isEqualTo(1024L);
    assertThat(ValueType.SIZE.parse("64k")).isEqualTo(64L << 10);
    assertThat(ValueType.SIZE.parse("512MB")).isEqualTo(512L << 20);
    assertThat(ValueType.SIZE.parse(" 4 g ")).isEqualTo(4L << 30);
    assertThat(ValueType.SIZE.parse("2tib")).isEqualTo(2L << 40);
  }

  @Test
  void formatsSizesInTheLargestExactUnit() {
    assertThat(ValueType.SIZE.format(32L << 10)).isEqualTo("32k");
    assertThat(ValueType.SIZE.format(1L << 30)).isEqualTo("1g");
    assertThat(ValueType.SIZE.format(1536L << 20)).isEqualTo("1536m");
    assertThat(ValueType.SIZE.format(1000L)).isEqualTo("1000b");
    assertThat(ValueType.SIZE.format(0L)).isEqualTo("0b");
  }

  @Test
  void rejectsBadSizesWithTheExpectedForm() {
    assertThatThrownBy(() -> ValueType.SIZE.parse("4x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot parse \"4x\" as a size; use e.g. 4g, 512m or 64k");
    assertThatThrownBy(() -> ValueType.SIZE.parse("1.5g"))
        .hasMessage("cannot parse \"1.5g\" as a size; use e.g. 4g, 512m or 64k");
    assertThatThrownBy(() -> ValueType.SIZE.parse("-1"))
        .hasMessage("cannot parse \"-1\" as a size; use e.g. 4g, 512m or 64k");
    assertThatThrownBy(() -> ValueType.SIZE.parse("9000000t"))
        .hasMessage("cannot parse \"9000000t\" as a size; the largest size is 8388607t");
    assertThatThrownBy(() -> ValueType.SIZE.parse("99999999999999999999"))
        .hasMessage(
            "cannot parse \"99999999999999999999\" as a size; the largest size is 8388607t");
  }

  @Test
  void parsesAndFormatsDurations() {
    assertThat(ValueType.DURATION.parse("500")).isEqualTo(Duration.ofMillis(500));
    assertThat(ValueType.DURATION.parse("3s")).isEqualTo(Duration.ofSeconds(3));
    assertThat(ValueType.DURATION.parse("2min")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ValueType.DURATION.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ValueType.DURATION.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(ValueType.DURATION.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(ValueType.DURATION.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(ValueType.DURATION.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(ValueType.DURATION.format(Duration.ofMinutes(2))).isEqualTo("2min");
    assertThat(ValueType.DURATION.format(Duration.ofDays(1))).isEqualTo("24h");
    assertThat(ValueType.DURATION.format(Duration.ZERO)).isEqualTo("0ms");
  }

  @Test
  void rejectsBadDurationsWithTheExpectedForm() {
    assertThatThrownBy(() -> ValueType.DURATION.parse("3 seconds"))
        .hasMessage("cannot parse \"3 seconds\" as a duration; use e.g. 3s, 500ms or 2min");
    assertThatThrownBy(() -> ValueType.DURATION.parse("99999999999999999d"))
        .hasMessage("cannot parse \"99999999999999999d\" as a duration; it is too long");
  }

  @Test
  void rejectsBadScalars() {
    assertThatThrownBy(() -> ValueType.INT.parse("four"))
        .hasMessage("cannot parse \"four\" as an integer; use e.g. 4");
    assertThatThrownBy(() -> ValueType.DOUBLE.parse("half"))
        .hasMessage("cannot parse \"half\" as a number; use e.g. 0.6");
    assertThatThrownBy(() -> ValueType.BOOLEAN.parse("yes"))
        .hasMessage("cannot parse \"yes\" as a boolean; use true or false");
    assertThat(ValueType.BOOLEAN.parse("TRUE")).isTrue();
  }
}
