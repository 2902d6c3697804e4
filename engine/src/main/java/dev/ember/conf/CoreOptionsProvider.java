package dev.ember.conf;

import java.util.List;

/** Registers the engine's {@link CoreOptions} with {@link OptionRegistry} via ServiceLoader. */
public final class CoreOptionsProvider implements OptionsProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public CoreOptionsProvider() {}

  @Override
  public List<Class<?>> optionsClasses() {
    return List.of(CoreOptions.class, dev.ember.rpc.RpcOptions.class);
  }
}
