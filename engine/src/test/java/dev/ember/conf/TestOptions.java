package dev.ember.conf;

import java.util.List;

/** Options for validator and registry tests: one with deprecated keys, one constrained. */
public final class TestOptions {
  private TestOptions() {}

  public static final ConfigOption<Long> EXECUTOR_MEMORY =
      ConfigOptions.key("ember.executor.memory")
          .sizeType()
          .defaultValue(1L << 30)
          .withDescription("Heap of each executor.")
          .withDeprecatedKeys("ember.executor.heap", "ember.executorMemory");

  public static final ConfigOption<Integer> RETRIES =
      ConfigOptions.key("ember.test.retries")
          .intType()
          .noDefaultValue()
          .checkValue(n -> n >= 0, "must not be negative")
          .withDescription("Retries | with a pipe.");

  /** Not static: must not be registered. */
  public final ConfigOption<String> notAnOption =
      ConfigOptions.key("ember.test.instance").stringType().withDescription("Ignored.");

  /** A registry of the core options and these. */
  static OptionRegistry registry() {
    return OptionRegistry.ofClasses(List.of(CoreOptions.class, TestOptions.class));
  }
}
