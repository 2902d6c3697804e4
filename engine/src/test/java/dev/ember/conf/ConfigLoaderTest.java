package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void laterLayersOverrideEarlierOnes() throws IOException {
    Path confDir = Files.createDirectory(dir.resolve("conf"));
    write(
        confDir.resolve("ember-defaults.conf"),
        "ember.master yarn\n"
            + "ember.app.name from-defaults\n"
            + "ember.locality.wait 1s\n"
            + "ember.task.maxFailures 2\n");
    Path props =
        write(dir.resolve("job.conf"), "ember.app.name from-file\nember.locality.wait 2s\n");
    Properties system = new Properties();
    system.setProperty("ember.locality.wait", "5s");
    system.setProperty("ember.task.maxFailures", "6");
    system.setProperty("java.version", "not ours");

    LoadedConf loaded =
        ConfigLoader.create()
            .withEnvironment(Map.of("EMBER_CONF_DIR", confDir.toString()))
            .withPropertiesFile(props)
            .withSystemProperties(system)
            .withOverrides(Map.of("ember.task.maxFailures", "8"))
            .load();

    assertThat(loaded.conf().asMap())
        .containsExactly(
            Map.entry("ember.app.name", "from-file"),
            Map.entry("ember.locality.wait", "5s"),
            Map.entry("ember.master", "yarn"),
            Map.entry("ember.task.maxFailures", "8"));
    assertThat(loaded.origins())
        .containsOnly(
            Map.entry("ember.app.name", props + ":1"),
            Map.entry("ember.locality.wait", "-Dember.locality.wait"),
            Map.entry("ember.master", confDir.resolve("ember-defaults.conf") + ":1"),
            Map.entry("ember.task.maxFailures", "--conf"));
    // Built-in defaults are not copied in; reads fall back to them.
    assertThat(loaded.conf().get(CoreOptions.MEMORY_FRACTION)).isEqualTo(0.6);
  }

  @Test
  void confDirWithoutDefaultsFileAndNoEnvironmentAreFine() throws IOException {
    Path confDir = Files.createDirectory(dir.resolve("empty"));
    assertThat(ConfigLoader.create().withConfDir(confDir).load().conf())
        .isEqualTo(EmberConf.empty());
    assertThat(ConfigLoader.create().withEnvironment(Map.of()).load().conf())
        .isEqualTo(EmberConf.empty());
  }

  @Test
  void missingConfDirIsAnError() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(
            () ->
                ConfigLoader.create()
                    .withEnvironment(Map.of("EMBER_CONF_DIR", missing.toString()))
                    .load())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "configuration directory "
                + missing
                + " does not exist or is not a directory; check EMBER_CONF_DIR");
  }

  @Test
  void missingPropertiesFileIsAnErrorNamingThePath() {
    Path missing = dir.resolve("job.conf");
    assertThatThrownBy(() -> ConfigLoader.create().withPropertiesFile(missing).load())
        .isInstanceOf(ConfigException.class)
        .hasMessage("properties file " + missing + " does not exist");
  }

  @Test
  void malformedLineNamesFileAndLine() throws IOException {
    Path props = write(dir.resolve("job.conf"), "# job settings\n\nember.master\n");
    assertThatThrownBy(() -> ConfigLoader.create().withPropertiesFile(props).load())
        .hasMessage(props + ":3: ember.master has no value; write \"key value\" or \"key=value\"");
  }

  @Test
  void badValueInAFileIsReportedWithItsLine() throws IOException {
    Path props = write(dir.resolve("job.conf"), "ember.master yarn\nember.memory.budget 4x\n");
    LoadedConf loaded = ConfigLoader.create().withPropertiesFile(props).load();
    assertThatThrownBy(() -> new ConfigValidator(OptionRegistry.load()).validate(loaded))
        .hasMessage(
            "ember.memory.budget: cannot parse \"4x\" as a size; use e.g. 4g, 512m or 64k (from "
                + props
                + ":2)");
  }

  @Test
  void laterOverridesWin() {
    LoadedConf loaded =
        ConfigLoader.create()
            .withOverrides(Map.of("ember.master", "local[2]"))
            .withOverrides(Map.of("ember.master", "yarn"))
            .load();
    assertThat(loaded.conf().get(CoreOptions.MASTER)).isEqualTo("yarn");
  }

  @Test
  void parsesConfFlags() {
    assertThat(ConfigLoader.parseConfFlag("ember.master=local[2]"))
        .isEqualTo(Map.entry("ember.master", "local[2]"));
    assertThat(ConfigLoader.parseConfFlag("fs.s3a.endpoint=http://h:9000/?a=b"))
        .isEqualTo(Map.entry("fs.s3a.endpoint", "http://h:9000/?a=b"));
    assertThatThrownBy(() -> ConfigLoader.parseConfFlag("ember.master"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--conf ember.master: expected key=value, e.g. --conf ember.task.maxFailures=8");
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
