package dev.ember.conf;

import java.util.List;

/**
 * Names the {@code *Options} classes a module declares, so that {@link OptionRegistry} can find
 * every option for validation and for the generated configuration reference without a central list.
 * Each module registers one implementation through {@link java.util.ServiceLoader}: a public class
 * with a public no-argument constructor, named in {@code
 * META-INF/services/dev.ember.conf.OptionsProvider} (the engine's is {@link CoreOptionsProvider}).
 *
 * <p>Called once per {@link OptionRegistry#load()}, in whichever process loads the registry
 * (ember-submit, the driver); implementations must be stateless and cheap.
 */
public interface OptionsProvider {

  /**
   * The classes whose {@code public static final ConfigOption} fields are this module's options.
   * Every such field is registered; other fields are ignored.
   */
  List<Class<?>> optionsClasses();
}
