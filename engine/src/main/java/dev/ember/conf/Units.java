package dev.ember.conf;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and formatting of sizes and durations written with units, as Spark and Hadoop write them.
 * Parse errors are {@link IllegalArgumentException}s whose message quotes the text and shows the
 * expected form; callers prefix the key.
 */
final class Units {
  private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");
  private static final String SIZE_FORM = "use e.g. 4g, 512m or 64k";
  private static final String DURATION_FORM = "use e.g. 3s, 500ms or 2min";

  private Units() {}

  /** Parses a size with a binary unit (b, k/kb, m/mb, g/gb, t/tb); a bare number is bytes. */
  static long parseSize(String text) {
    Matcher m = NUMBER_AND_UNIT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(cannotParse(text, "a size", SIZE_FORM));
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    long multiplier =
        switch (unit) {
          case "", "b" -> 1L;
          case "k", "kb", "kib" -> 1L << 10;
          case "m", "mb", "mib" -> 1L << 20;
          case "g", "gb", "gib" -> 1L << 30;
          case "t", "tb", "tib" -> 1L << 40;
          default -> throw new IllegalArgumentException(cannotParse(text, "a size", SIZE_FORM));
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "cannot parse \"" + text + "\" as a size; the largest size is 8388607t", e);
    }
  }

  /** Formats a size in the largest binary unit that divides it exactly, e.g. 32k, 1g, 1000b. */
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

  /** Parses a duration (ms, s, m/min, h, d); a bare number is milliseconds. */
  static Duration parseDuration(String text) {
    Matcher m = NUMBER_AND_UNIT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(cannotParse(text, "a duration", DURATION_FORM));
    }
    try {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "", "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default ->
            throw new IllegalArgumentException(cannotParse(text, "a duration", DURATION_FORM));
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "cannot parse \"" + text + "\" as a duration; it is too long", e);
    }
  }

  /** Formats a duration in the largest of h, min, s, ms that divides it exactly, e.g. 3s, 2min. */
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

  private static String cannotParse(String text, String what, String form) {
    return "cannot parse \"" + text + "\" as " + what + "; " + form;
  }
}
