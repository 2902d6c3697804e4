package dev.ember.conf;

/** Placeholder until the option registry lands: parses every core option that is set. */
public final class ConfigValidation {
  private ConfigValidation() {}

  public static void validate(EmberConf conf) {
    conf.get(CoreOptions.MASTER);
    conf.get(CoreOptions.TASK_MAX_FAILURES);
  }
}
