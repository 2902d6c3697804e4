package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Builder entry point for {@link ConfigOption}s: {@code ConfigOptions.key("ember.x").intType()
 * .defaultValue(4).withDescription("...")}, after Flink's {@code ConfigOptions}.
 */
public final class ConfigOptions {
  private ConfigOptions() {}

  /** Starts declaring the option with the given key. */
  public static KeyBuilder key(String key) {
    return new KeyBuilder(requireNonNull(key, "key is null"));
  }

  /** Second step: the option's value type. */
  public static final class KeyBuilder {
    private final String key;

    private KeyBuilder(String key) {
      this.key = key;
    }

    /** Free text, taken as written (trimmed). */
    public TypedBuilder<String> stringType() {
      return new TypedBuilder<>(key, ValueType.STRING);
    }

    /** A 32-bit signed integer. */
    public TypedBuilder<Integer> intType() {
      return new TypedBuilder<>(key, ValueType.INT);
    }

    /** A decimal number, e.g. a fraction. */
    public TypedBuilder<Double> doubleType() {
      return new TypedBuilder<>(key, ValueType.DOUBLE);
    }

    /** {@code true} or {@code false}, in any case. */
    public TypedBuilder<Boolean> booleanType() {
      return new TypedBuilder<>(key, ValueType.BOOLEAN);
    }

    /** Sizes in bytes, written with units (512m, 4g). */
    public TypedBuilder<Long> sizeType() {
      return new TypedBuilder<>(key, ValueType.SIZE);
    }

    /** Durations, written with units (3s, 500ms). */
    public TypedBuilder<Duration> durationType() {
      return new TypedBuilder<>(key, ValueType.DURATION);
    }

    /** A value of a custom type. */
    public <T> TypedBuilder<T> type(ValueType<T> type) {
      return new TypedBuilder<>(key, type);
    }
  }

  /** Third step: the default (or none), optionally a check, and then the description. */
  public static final class TypedBuilder<T> {
    private final String key;
    private final ValueType<T> type;
    private Optional<T> defaultValue = Optional.empty();
    private Predicate<? super T> check = value -> true;
    private Optional<String> requirement = Optional.empty();

    private TypedBuilder(String key, ValueType<T> type) {
      this.key = key;
      this.type = type;
    }

    /** The value read when none is set; it is also shown in the configuration reference. */
    public TypedBuilder<T> defaultValue(T value) {
      this.defaultValue = Optional.of(value);
      return this;
    }

    /** The option has no default: readers use {@link EmberConf#getOptional}. */
    public TypedBuilder<T> noDefaultValue() {
      this.defaultValue = Optional.empty();
      return this;
    }

    /**
     * Adds a check that every value must pass, e.g. {@code checkValue(n -> n >= 1, "must be at
     * least 1")}. The requirement completes the sentence "the value ..." in error messages and is
     * appended to the option's entry in the configuration reference. The default, if any, must pass
     * the check ({@link #withDescription} throws {@link IllegalArgumentException} otherwise).
     */
    public TypedBuilder<T> checkValue(Predicate<? super T> check, String requirement) {
      this.check = requireNonNull(check, "check is null");
      this.requirement = Optional.of(requireNonNull(requirement, "requirement is null"));
      return this;
    }

    /** Completes the declaration. */
    public ConfigOption<T> withDescription(String description) {
      return new ConfigOption<>(
          key, type, defaultValue, description, List.of(), check, requirement);
    }
  }
}
