package dev.ember.yarn.client;

import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.YarnOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds Ember's runtime jars to stage: {@code ember.yarn.jars} if set, else every jar in {@code
 * $EMBER_HOME/jars} (the distribution's layout), else none (the containers then rely on {@code
 * yarn.application.classpath} alone).
 */
final class EmberJars {
  private EmberJars() {}

  /**
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} naming a listed jar that does not
   *     exist
   */
  static List<Path> find(EmberConf conf, Map<String, String> env) throws SubmitException {
    Optional<String> listed = conf.getOptional(YarnOptions.JARS);
    if (listed.isPresent()) {
      List<Path> jars = new ArrayList<>();
      for (String s : Arrays.stream(listed.get().split(",")).map(String::trim).toList()) {
        if (s.isEmpty()) {
          continue;
        }
        Path jar = Path.of(s);
        if (!Files.isRegularFile(jar)) {
          throw new SubmitException(
              ExitCodes.USAGE_ERROR,
              YarnOptions.JARS.key() + ": " + jar + " does not exist or is not a file");
        }
        jars.add(jar);
      }
      return List.copyOf(jars);
    }
    String home = env.get("EMBER_HOME");
    if (home == null || home.isBlank() || !Files.isDirectory(Path.of(home, "jars"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Path.of(home, "jars"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR, "cannot list $EMBER_HOME/jars: " + e.getMessage(), e);
    }
  }
}
