package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable set of configuration values (key to text), read through typed {@link ConfigOption}s.
 * Values are parsed on read; a bad value throws {@link ConfigException} naming the key and the
 * value. Thread-safe. Serializable so that the driver's configuration can be shipped to executors.
 */
public final class EmberConf implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TreeMap<String, String> values;

  private EmberConf(Map<String, String> values) {
    this.values = new TreeMap<>(values);
    // A null value would only surface as an NPE at some later read, far from its cause.
    this.values.forEach(
        (key, value) -> requireNonNull(value, () -> "value of " + key + " is null"));
  }

  /** A configuration with no values set: every option reads as its default. */
  public static EmberConf empty() {
    return new EmberConf(Map.of());
  }

  /** A configuration holding exactly {@code values}. */
  public static EmberConf of(Map<String, String> values) {
    return new EmberConf(requireNonNull(values, "values is null"));
  }

  /** Returns a copy with {@code key} set to {@code value} (overriding an earlier value). */
  public EmberConf with(String key, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
    return new EmberConf(copy);
  }

  /**
   * Returns a copy with a typed value set, formatted as the option's type formats it.
   *
   * @throws ConfigException if the value fails the option's check (e.g. a fraction above 1)
   */
  public <T> EmberConf with(ConfigOption<T> option, T value) {
    option.checkValue(value);
    return with(option.key(), option.type().format(value));
  }

  /** Returns a copy with every entry of {@code overrides} applied on top of this one. */
  public EmberConf withAll(Map<String, String> overrides) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.putAll(overrides);
    return new EmberConf(copy);
  }

  /**
   * Reads an option that has a default.
   *
   * @throws ConfigException if the value set cannot be parsed or fails the option's check, or the
   *     option has no default and no value is set
   */
  public <T> T get(ConfigOption<T> option) {
    return getOptional(option)
        .or(option::defaultValue)
        .orElseThrow(
            () ->
                new ConfigException(
                    option.key()
                        + ": no value is set and the option has no default; set it with"
                        + " --conf "
                        + option.key()
                        + "=..."));
  }

  /**
   * Reads the value explicitly set for an option (under its key or a deprecated key), ignoring its
   * default.
   *
   * @throws ConfigException if the value set cannot be parsed or fails the option's check
   */
  public <T> Optional<T> getOptional(ConfigOption<T> option) {
    String key = option.key();
    String text = values.get(key);
    if (text == null) {
      for (String old : option.deprecatedKeys()) {
        if (values.containsKey(old)) {
          key = old;
          text = values.get(old);
          break;
        }
      }
    }
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(option.parse(text));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage(), e);
    }
  }

  /** Whether a value is set for {@code key} (no deprecated-key lookup). */
  public boolean contains(String key) {
    return values.containsKey(key);
  }

  /** All values set, sorted by key; unmodifiable. */
  public Map<String, String> asMap() {
    return java.util.Collections.unmodifiableSortedMap(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmberConf other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "EmberConf" + values;
  }
}
