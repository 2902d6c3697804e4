package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every declared {@link ConfigOption}, found through the {@link OptionsProvider}s on the classpath:
 * what {@link ConfigValidator} checks a configuration against and what {@link ConfigDocs}
 * documents. Immutable and thread-safe once built.
 */
public final class OptionRegistry {
  private final List<OptionGroup> groups;
  private final Map<String, ConfigOption<?>> byKey;
  private final Map<String, ConfigOption<?>> byDeprecatedKey;

  private OptionRegistry(List<OptionGroup> groups) {
    this.groups = List.copyOf(groups);
    Map<String, ConfigOption<?>> keys = new TreeMap<>();
    Map<String, ConfigOption<?>> deprecated = new HashMap<>();
    for (OptionGroup group : groups) {
      for (ConfigOption<?> option : group.options()) {
        register(keys, option.key(), option);
        for (String old : option.deprecatedKeys()) {
          register(deprecated, old, option);
        }
      }
    }
    for (String old : deprecated.keySet()) {
      if (keys.containsKey(old)) {
        throw new IllegalStateException(
            old + " is both an option's key and a deprecated key of " + deprecated.get(old));
      }
    }
    this.byKey = Collections.unmodifiableMap(keys);
    this.byDeprecatedKey = Map.copyOf(deprecated);
  }

  /**
   * The options of every {@link OptionsProvider} visible to the thread's context class loader.
   *
   * @throws IllegalStateException if two options share a key (a declaration bug)
   * @throws java.util.ServiceConfigurationError if a registered provider cannot be instantiated
   */
  public static OptionRegistry load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  /** As {@link #load()}, with providers from {@code classLoader}. */
  public static OptionRegistry load(ClassLoader classLoader) {
    List<Class<?>> classes = new ArrayList<>();
    for (OptionsProvider provider : ServiceLoader.load(OptionsProvider.class, classLoader)) {
      classes.addAll(provider.optionsClasses());
    }
    return ofClasses(classes);
  }

  /**
   * The options declared as {@code public static final ConfigOption} fields of {@code classes}.
   * Groups are sorted by class name, options within a group by key, so output built from the
   * registry does not depend on classpath order.
   *
   * @throws IllegalStateException if two options share a key
   */
  public static OptionRegistry ofClasses(List<Class<?>> classes) {
    List<OptionGroup> groups = new ArrayList<>();
    for (Class<?> cls : new LinkedHashSet<>(classes)) {
      groups.add(new OptionGroup(cls, declaredOptions(cls)));
    }
    groups.sort(Comparator.comparing(group -> group.declaringClass().getName()));
    return new OptionRegistry(groups);
  }

  /** One group per {@code *Options} class, sorted by class name. */
  public List<OptionGroup> groups() {
    return groups;
  }

  /** The option whose current key is {@code key}. */
  public Optional<ConfigOption<?>> option(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** The option that still accepts {@code key} as a deprecated key. */
  public Optional<ConfigOption<?>> optionForDeprecatedKey(String key) {
    return Optional.ofNullable(byDeprecatedKey.get(key));
  }

  /** The current keys of all options, sorted. */
  public Set<String> keys() {
    return byKey.keySet();
  }

  private static List<ConfigOption<?>> declaredOptions(Class<?> cls) {
    List<ConfigOption<?>> options = new ArrayList<>();
    for (Field field : cls.getFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers)
          && Modifier.isFinal(modifiers)
          && ConfigOption.class.isAssignableFrom(field.getType())) {
        try {
          options.add((ConfigOption<?>) requireNonNull(field.get(null), field + " is null"));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read option field " + field, e);
        }
      }
    }
    options.sort(Comparator.comparing(ConfigOption::key));
    return options;
  }

  private static void register(
      Map<String, ConfigOption<?>> map, String key, ConfigOption<?> option) {
    ConfigOption<?> previous = map.putIfAbsent(key, option);
    if (previous != null && previous != option) {
      throw new IllegalStateException(key + " is declared twice");
    }
  }
}
