package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * How the text of a configuration value becomes a typed value and back. Parsing failures throw
 * {@link IllegalArgumentException} whose message says what form is expected; {@link EmberConf}
 * prefixes it with the key.
 *
 * @param name the type's name in the configuration reference (e.g. "size", "duration")
 * @param parser text to value; throws {@link IllegalArgumentException} on bad input
 * @param formatter value to its canonical text
 * @param <T> the value type
 */
public record ValueType<T>(String name, Function<String, T> parser, Function<T, String> formatter) {

  public ValueType {
    requireNonNull(name, "name is null");
    requireNonNull(parser, "parser is null");
    requireNonNull(formatter, "formatter is null");
  }

  /** Parses {@code text}, throwing {@link IllegalArgumentException} with the expected form. */
  public T parse(String text) {
    return parser.apply(text.trim());
  }

  /** Formats {@code value} in the form {@link #parse} accepts. */
  public String format(T value) {
    return formatter.apply(value);
  }

  public static final ValueType<String> STRING = new ValueType<>("string", s -> s, s -> s);

  public static final ValueType<Integer> INT =
      new ValueType<>(
          "int",
          s -> {
            try {
              return Integer.parseInt(s);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(
                  "cannot parse \"" + s + "\" as an integer; use e.g. 4", e);
            }
          },
          String::valueOf);

  public static final ValueType<Double> DOUBLE =
      new ValueType<>(
          "double",
          s -> {
            try {
              return Double.parseDouble(s);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(
                  "cannot parse \"" + s + "\" as a number; use e.g. 0.6", e);
            }
          },
          String::valueOf);

  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>(
          "boolean",
          s -> {
            switch (s.toLowerCase(Locale.ROOT)) {
              case "true":
                return true;
              case "false":
                return false;
              default:
                throw new IllegalArgumentException(
                    "cannot parse \"" + s + "\" as a boolean; use true or false");
            }
          },
          String::valueOf);

  /** Sizes in bytes: {@code 512m}, {@code 4g}, {@code 64k}, {@code 1024} (bytes), binary units. */
  public static final ValueType<Long> SIZE =
      new ValueType<>("size", Units::parseSize, Units::formatSize);

  /** Durations: {@code 3s}, {@code 500ms}, {@code 2min}, {@code 1h}; a bare number is ms. */
  public static final ValueType<Duration> DURATION =
      new ValueType<>("duration", Units::parseDuration, Units::formatDuration);
}
