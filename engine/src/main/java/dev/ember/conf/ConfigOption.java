package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A typed configuration option: its key, how its text is parsed, its default, an optional check of
 * its value and its documentation, declared once in an {@code *Options} class by the module that
 * owns it (after Flink's {@code ConfigOption}). Immutable and thread-safe.
 *
 * @param <T> the parsed value type
 */
public final class ConfigOption<T> {
  private final String key;
  private final ValueType<T> type;
  private final Optional<T> defaultValue;
  private final String description;
  private final List<String> deprecatedKeys;
  private final Predicate<? super T> check;
  private final Optional<String> requirement;

  ConfigOption(
      String key,
      ValueType<T> type,
      Optional<T> defaultValue,
      String description,
      List<String> deprecatedKeys,
      Predicate<? super T> check,
      Optional<String> requirement) {
    this.key = requireNonNull(key, "key is null");
    this.type = requireNonNull(type, "type is null");
    this.defaultValue = requireNonNull(defaultValue, "defaultValue is null");
    this.description = requireNonNull(description, "description is null");
    this.deprecatedKeys = List.copyOf(deprecatedKeys);
    this.check = requireNonNull(check, "check is null");
    this.requirement = requireNonNull(requirement, "requirement is null");
    // A default that fails its own check is a bug in the declaration: fail when the class loads.
    defaultValue.ifPresent(
        value -> {
          if (!check.test(value)) {
            throw new IllegalArgumentException(
                key + ": the default " + type.format(value) + " fails its own check");
          }
        });
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

  /**
   * What a valid value must satisfy beyond parsing, as a clause that completes "the value ...",
   * e.g. {@code "must be at least 1"}; empty when any parsable value is accepted.
   */
  public Optional<String> requirement() {
    return requirement;
  }

  /**
   * Parses {@code text} as a value of this option and checks it.
   *
   * @throws IllegalArgumentException if the text does not parse or the value fails the option's
   *     check; the message says what form is expected but does not name the key (callers prefix it,
   *     as {@link EmberConf} does)
   */
  public T parse(String text) {
    T value = type.parse(text);
    if (!check.test(value)) {
      throw new IllegalArgumentException(
          "\"" + text.trim() + "\" is invalid; the value " + requirement.orElse("is not allowed"));
    }
    return value;
  }

  /**
   * Checks a typed value, as {@link EmberConf#with(ConfigOption, Object)} does before storing it.
   *
   * @throws ConfigException naming the key if the value fails the option's check
   */
  public void checkValue(T value) {
    if (!check.test(requireNonNull(value, "value is null"))) {
      throw new ConfigException(
          key
              + ": "
              + type.format(value)
              + " is invalid; the value "
              + requirement.orElse("is not allowed"));
    }
  }

  /** Returns a copy of this option that also accepts the given older keys. */
  public ConfigOption<T> withDeprecatedKeys(String... keys) {
    return new ConfigOption<>(
        key, type, defaultValue, description, List.of(keys), check, requirement);
  }

  @Override
  public String toString() {
    return key;
  }
}
