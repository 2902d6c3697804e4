package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A configuration as {@link ConfigLoader} assembled it, with where each value came from, so that
 * errors can point the user at the file and line (or flag) to fix.
 *
 * @param conf the merged values
 * @param origins for each key of {@code conf}, the layer that set its final value: {@code
 *     "/etc/ember/ember-defaults.conf:12"}, {@code "--conf"} or {@code "-Dember.master"}
 */
public record LoadedConf(EmberConf conf, Map<String, String> origins) {

  public LoadedConf {
    requireNonNull(conf, "conf is null");
    origins = Map.copyOf(origins);
  }

  /** Where the value of {@code key} was set, if it was loaded rather than set in code. */
  public Optional<String> origin(String key) {
    return Optional.ofNullable(origins.get(key));
  }
}
