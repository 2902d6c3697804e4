package dev.ember.conf;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Assembles a configuration from layers, each overriding the ones before, as spark-submit does:
 *
 * <ol>
 *   <li>the options' built-in defaults (not copied in: {@link EmberConf#get} falls back to them);
 *   <li>{@value #DEFAULTS_FILE_NAME} in the configuration directory, if there is one ({@link
 *       #withConfDir}, usually from {@value #CONF_DIR_ENV} via {@link #withEnvironment}); a
 *       directory without the file is fine;
 *   <li>an explicit properties file ({@code --properties-file}), which must exist;
 *   <li>{@code ember.*} Java system properties ({@code -Dember.master=local[2]}), only when passed
 *       to {@link #withSystemProperties} — the loader reads no global state itself;
 *   <li>explicit overrides ({@code --conf key=value}).
 * </ol>
 *
 * <p>File format: see {@code conf/ember-defaults.conf.template} (Spark's {@code
 * spark-defaults.conf} format). Loading does not validate keys or values; pass the result to {@link
 * ConfigValidator#validate(LoadedConf)}.
 *
 * <p>Immutable: each {@code with*} method returns a new loader. Thread-safe.
 */
public final class ConfigLoader {
  /** The environment variable naming the configuration directory. */
  public static final String CONF_DIR_ENV = "EMBER_CONF_DIR";

  /** The defaults file looked up in the configuration directory. */
  public static final String DEFAULTS_FILE_NAME = "ember-defaults.conf";

  private static final String SYSTEM_PROPERTY_PREFIX = "ember.";

  private final Optional<Path> confDir;
  private final Optional<Path> propertiesFile;
  private final Map<String, String> systemProperties;
  private final Map<String, String> overrides;

  private ConfigLoader(
      Optional<Path> confDir,
      Optional<Path> propertiesFile,
      Map<String, String> systemProperties,
      Map<String, String> overrides) {
    this.confDir = confDir;
    this.propertiesFile = propertiesFile;
    this.systemProperties = Map.copyOf(systemProperties);
    this.overrides = Map.copyOf(overrides);
  }

  /** A loader with no layers: {@link #load} returns an empty configuration. */
  public static ConfigLoader create() {
    return new ConfigLoader(Optional.empty(), Optional.empty(), Map.of(), Map.of());
  }

  /** Reads {@value #DEFAULTS_FILE_NAME} from {@code dir}, which must exist when loading. */
  public ConfigLoader withConfDir(Path dir) {
    return new ConfigLoader(
        Optional.of(requireNonNull(dir, "dir is null")),
        propertiesFile,
        systemProperties,
        overrides);
  }

  /**
   * Takes the configuration directory from {@value #CONF_DIR_ENV} in {@code env} (pass {@code
   * System.getenv()}); leaves this loader unchanged when the variable is unset or empty.
   */
  public ConfigLoader withEnvironment(Map<String, String> env) {
    String dir = env.get(CONF_DIR_ENV);
    return dir == null || dir.isBlank() ? this : withConfDir(Path.of(dir));
  }

  /** Reads {@code file} ({@code --properties-file}) over the defaults file; it must exist. */
  public ConfigLoader withPropertiesFile(Path file) {
    return new ConfigLoader(
        confDir, Optional.of(requireNonNull(file, "file is null")), systemProperties, overrides);
  }

  /**
   * Takes the {@code ember.*} entries of {@code properties} (pass {@code System.getProperties()})
   * as a layer above the files; other entries are ignored.
   */
  public ConfigLoader withSystemProperties(Properties properties) {
    Map<String, String> ember = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(SYSTEM_PROPERTY_PREFIX)) {
        ember.put(name, properties.getProperty(name));
      }
    }
    return new ConfigLoader(confDir, propertiesFile, ember, overrides);
  }

  /** Applies {@code values} ({@code --conf} flags) last, on top of earlier overrides. */
  public ConfigLoader withOverrides(Map<String, String> values) {
    Map<String, String> merged = new LinkedHashMap<>(overrides);
    merged.putAll(values);
    return new ConfigLoader(confDir, propertiesFile, systemProperties, merged);
  }

  /**
   * Reads the files and merges all layers.
   *
   * @return the merged values with the origin of each
   * @throws ConfigException if the configuration directory is not a directory, the properties file
   *     is missing or unreadable, or a file has a malformed line (the message names the file and
   *     line)
   */
  public LoadedConf load() {
    Map<String, String> values = new TreeMap<>();
    Map<String, String> origins = new TreeMap<>();
    if (confDir.isPresent()) {
      Path dir = confDir.get();
      if (!Files.isDirectory(dir)) {
        throw new ConfigException(
            "configuration directory "
                + dir
                + " does not exist or is not a directory; check "
                + CONF_DIR_ENV);
      }
      Path defaults = dir.resolve(DEFAULTS_FILE_NAME);
      if (Files.exists(defaults)) {
        readFile(defaults, values, origins);
      }
    }
    propertiesFile.ifPresent(file -> readFile(file, values, origins));
    systemProperties.forEach(
        (key, value) -> {
          values.put(key, value.strip());
          origins.put(key, "-D" + key);
        });
    overrides.forEach(
        (key, value) -> {
          values.put(key, value);
          origins.put(key, "--conf");
        });
    return new LoadedConf(EmberConf.of(values), origins);
  }

  /**
   * Splits a {@code --conf} argument at its first {@code =}: {@code "ember.master=yarn"} becomes
   * ({@code ember.master}, {@code yarn}); the value may contain further {@code =} and may be empty.
   *
   * @throws ConfigException if there is no {@code =} or nothing before it
   */
  public static Map.Entry<String, String> parseConfFlag(String argument) {
    int eq = argument.indexOf('=');
    if (eq <= 0 || argument.substring(0, eq).isBlank()) {
      throw new ConfigException(
          "--conf " + argument + ": expected key=value, e.g. --conf ember.task.maxFailures=8");
    }
    return Map.entry(argument.substring(0, eq).strip(), argument.substring(eq + 1));
  }

  private static void readFile(Path file, Map<String, String> values, Map<String, String> origins) {
    PropertiesFileParser.read(file)
        .forEach(
            (key, setting) -> {
              values.put(key, setting.value());
              origins.put(key, file + ":" + setting.line());
            });
  }
}
