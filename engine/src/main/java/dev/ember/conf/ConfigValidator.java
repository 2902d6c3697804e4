package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a whole configuration up front, so that a typo or a bad value fails at submission with one
 * message listing every problem, instead of as a task failure hours into a job.
 *
 * <ul>
 *   <li>Every key starting with {@code ember.} must be a registered option's key or deprecated key;
 *       others get "did you mean ...?" when a known key is close. Spark only warns about unknown
 *       keys; Ember fails, as airlift's {@code Bootstrap} does.
 *   <li>Every value set for a known key must parse and pass the option's check.
 *   <li>Keys outside {@code ember.} ({@code spark.*}, Hadoop's {@code fs.*}, {@code hadoop.*}, ...)
 *       are left alone: they belong to other systems.
 *   <li>Deprecated keys in use produce warnings, returned to the caller to log.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigValidator {
  /** Keys under this prefix are Ember's and must be known. */
  public static final String EMBER_PREFIX = "ember.";

  /**
   * Key families passed through to other systems rather than declared as options: {@code
   * ember.hadoop.X} sets Hadoop's {@code X} (Spark's {@code spark.hadoop.*} convention).
   */
  public static final List<String> PASSTHROUGH_PREFIXES = List.of("ember.hadoop.");

  private final OptionRegistry registry;

  /** A validator of configurations against the options in {@code registry}. */
  public ConfigValidator(OptionRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  /** A validator against every option registered on the classpath ({@link OptionRegistry#load}). */
  public static ConfigValidator create() {
    return new ConfigValidator(OptionRegistry.load());
  }

  /**
   * Validates a configuration set in code.
   *
   * @return warnings to log, one per deprecated key in use, in key order; empty when none
   * @throws ConfigException listing every unknown {@code ember.} key and every bad value: the
   *     message is the single problem when there is one, e.g. {@code ember.memory.budget: cannot
   *     parse "4x" as a size; use e.g. 4g, 512m or 64k}, else a count followed by one problem a
   *     line
   */
  public List<String> validate(EmberConf conf) {
    return validate(conf, key -> Optional.empty());
  }

  /**
   * As {@link #validate(EmberConf)}, for a loaded configuration: each problem ends with where the
   * value was set, e.g. {@code (from /etc/ember/ember-defaults.conf:12)}.
   */
  public List<String> validate(LoadedConf loaded) {
    return validate(loaded.conf(), loaded::origin);
  }

  private List<String> validate(EmberConf conf, Function<String, Optional<String>> originOf) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, String> entry : conf.asMap().entrySet()) {
      String key = entry.getKey();
      String suffix = originOf.apply(key).map(origin -> " (from " + origin + ")").orElse("");
      Optional<ConfigOption<?>> current = registry.option(key);
      Optional<ConfigOption<?>> renamed = registry.optionForDeprecatedKey(key);
      if (current.isPresent()) {
        checkValue(current.get(), key, entry.getValue()).ifPresent(p -> problems.add(p + suffix));
      } else if (renamed.isPresent()) {
        ConfigOption<?> option = renamed.get();
        checkValue(option, key, entry.getValue()).ifPresent(p -> problems.add(p + suffix));
        warnings.add(deprecationWarning(conf, key, option) + suffix);
      } else if (key.startsWith(EMBER_PREFIX)
          && PASSTHROUGH_PREFIXES.stream().noneMatch(key::startsWith)) {
        problems.add(unknownKey(key) + suffix);
      }
    }
    if (problems.size() == 1) {
      throw new ConfigException(problems.get(0));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(
          problems.size() + " configuration errors:\n  " + String.join("\n  ", problems));
    }
    return List.copyOf(warnings);
  }

  private static Optional<String> checkValue(ConfigOption<?> option, String key, String text) {
    try {
      option.parse(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(key + ": " + e.getMessage());
    }
  }

  private static String deprecationWarning(EmberConf conf, String key, ConfigOption<?> option) {
    if (conf.contains(option.key())) {
      return key + " is deprecated and ignored because " + option.key() + " is also set";
    }
    // Only the first deprecated key set is read (EmberConf#getOptional); say so for the others.
    for (String old : option.deprecatedKeys()) {
      if (old.equals(key)) {
        break;
      }
      if (conf.contains(old)) {
        return key + " is deprecated and ignored because " + old + " is also set; use " + option;
      }
    }
    return key + " is deprecated; use " + option.key() + " instead";
  }

  private String unknownKey(String key) {
    return key
        + ": unknown configuration key"
        + KeySuggester.suggest(key, registry.keys())
            .map(s -> "; did you mean " + s + "?")
            .orElse("");
  }
}
