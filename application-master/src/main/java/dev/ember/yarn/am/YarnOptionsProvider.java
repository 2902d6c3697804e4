package dev.ember.yarn.am;

import dev.ember.conf.OptionsProvider;
import java.util.List;

/** Registers {@link YarnOptions} with the engine's option registry through ServiceLoader. */
public final class YarnOptionsProvider implements OptionsProvider {
  /** Called by {@link java.util.ServiceLoader}. */
  public YarnOptionsProvider() {}

  @Override
  public List<Class<?>> optionsClasses() {
    return List.of(YarnOptions.class);
  }
}
