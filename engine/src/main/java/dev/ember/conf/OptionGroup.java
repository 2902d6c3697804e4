package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The options declared by one {@code *Options} class, sorted by key: one table of the generated
 * configuration reference.
 *
 * @param declaringClass the {@code *Options} class, e.g. {@link CoreOptions}
 * @param options its {@code public static final ConfigOption} fields, sorted by key
 */
public record OptionGroup(Class<?> declaringClass, List<ConfigOption<?>> options) {

  public OptionGroup {
    requireNonNull(declaringClass, "declaringClass is null");
    options = List.copyOf(options);
  }
}
