package dev.ember.conf;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and formatting of sizes and durations written with units, as Spark and Hadoop write them.
 */
final class Units {
  private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

  private Units() {}

  /** Parses a size with a binary unit (b, k/kb, m/mb, g/gb, t/tb); a bare number is bytes. */
  static long parseSize(String text) {
    Matcher m = NUMBER_AND_UNIT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "cannot parse \"" + text + "\" as a size; use e.g. 4g, 512m or 64k");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    long multiplier =
        switch (unit) {
          case "", "b" -> 1L;
          case "k", "kb", "kib" -> 1L << 10;
          case "m", "mb", "mib" -> 1L << 20;
          case "g", "gb", "gib" -> 1L << 30;
          case "t", "tb", "tib" -> 1L << 40;
          default ->
              throw new IllegalArgumentException(
                  "cannot parse \"" + text + "\" as a size; use e.g. 4g, 512m or 64k");
        };
    return Math.multiplyExact(n, multiplier);
  }

  static String formatSize(long bytes) {
    String[] units = {"t", "g", "m", "k"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << shifts[i];
      if (bytes != 0 && bytes % unit == 0) {
        return (bytes / unit) + units[i];
      }
    }
    return bytes + "b";
  }

  /** Parses a duration (ms, s, min, h, d); a bare number is milliseconds. */
  static Duration parseDuration(String text) {
    Matcher m = NUMBER_AND_UNIT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "cannot parse \"" + text + "\" as a duration; use e.g. 3s, 500ms or 2min");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default ->
          throw new IllegalArgumentException(
              "cannot parse \"" + text + "\" as a duration; use e.g. 3s, 500ms or 2min");
    };
  }

  static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 3_600_000 == 0) {
      return (ms / 3_600_000) + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return (ms / 60_000) + "min";
    }
    if (ms != 0 && ms % 1000 == 0) {
      return (ms / 1000) + "s";
    }
    return ms + "ms";
  }
}
