package dev.ember.examples;

import dev.ember.conf.ConfigLoader;
import dev.ember.conf.EmberConf;

/** How the examples' {@code main} methods find their configuration. */
final class ExampleConf {
  private ExampleConf() {}

  /**
   * Option defaults, then {@code $EMBER_CONF_DIR/ember-defaults.conf}, then {@code -Dember.*}
   * system properties (so {@code scripts/run-example} can pass {@code -Dember.master=local[2]}).
   *
   * @throws dev.ember.conf.ConfigException if a value cannot be parsed or a key is unknown
   */
  static EmberConf load() {
    return ConfigLoader.create()
        .withEnvironment(System.getenv())
        .withSystemProperties(System.getProperties())
        .load()
        .conf();
  }
}
