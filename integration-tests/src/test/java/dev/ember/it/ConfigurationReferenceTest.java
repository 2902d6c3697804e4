package dev.ember.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.ConfigDocs;
import dev.ember.conf.OptionRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents every option of every module. This lives in integration-tests
 * because only here are all modules' option providers on the classpath.
 */
class ConfigurationReferenceTest {
  @Test
  void committedReferenceCoversEveryModuleAndIsUpToDate() throws IOException {
    String expected = ConfigDocs.render(OptionRegistry.load());
    // Written on every run so that regenerating is a copy (see ConfigDocs.REGENERATE_COMMAND).
    Files.writeString(Path.of("target", "configuration.md"), expected, StandardCharsets.UTF_8);
    // Maven runs tests in the module directory; the reference lives at the repository root.
    Path docs = Path.of("..").resolve(ConfigDocs.DOCS_PATH);
    String committed = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : "";

    assertThat(expected).contains("## CoreOptions").contains("## YarnOptions");
    assertThat(committed)
        .as(
            "%s is stale; regenerate it from the repository root with:%n  %s",
            ConfigDocs.DOCS_PATH, ConfigDocs.REGENERATE_COMMAND)
        .isEqualTo(expected);
  }
}
