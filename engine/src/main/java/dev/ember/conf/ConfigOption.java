package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A typed configuration option: its key, how its text is parsed, its default and its documentation,
 * declared once in an {@code *Options} class by the module that owns it (after Flink's {@code
 * ConfigOption}). Immutable and thread-safe.
 *
 * @param <T> the parsed value type
 */
public final class ConfigOption<T> {
  private final String key;
  private final ValueType<T> type;
  private final Optional<T> defaultValue;
  private final String description;
  private final List<String> deprecatedKeys;

  ConfigOption(
      String key,
      ValueType<T> type,
      Optional<T> defaultValue,
      String description,
      List<String> deprecatedKeys) {
    this.key = requireNonNull(key, "key is null");
    this.type = requireNonNull(type, "type is null");
    this.defaultValue = requireNonNull(defaultValue, "defaultValue is null");
    this.description = requireNonNull(description, "description is null");
    this.deprecatedKeys = List.copyOf(deprecatedKeys);
  }

  /** The option's key, e.g. {@code ember.task.maxFailures}. */
  public String key() {
    return key;
  }

  /** How values of this option are parsed and formatted. */
  public ValueType<T> type() {
    return type;
  }

  /** The default, or empty when the option has no default (it is then optional or derived). */
  public Optional<T> defaultValue() {
    return defaultValue;
  }

  /** One or more sentences for the generated configuration reference. */
  public String description() {
    return description;
  }

  /** Older keys still accepted for this option, in order of preference. */
  public List<String> deprecatedKeys() {
    return deprecatedKeys;
  }

  /** Returns a copy of this option that also accepts the given older keys. */
  public ConfigOption<T> withDeprecatedKeys(String... keys) {
    return new ConfigOption<>(key, type, defaultValue, description, List.of(keys));
  }

  @Override
  public String toString() {
    return key;
  }
}
