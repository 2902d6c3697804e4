package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  /** Maven runs tests in the module directory; the reference lives at the repository root. */
  @Test
  void committedReferenceIsUpToDate() throws IOException {
    Path docs = Path.of("..").resolve(ConfigDocs.DOCS_PATH);
    String committed = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : "";
    assertThat(committed)
        .as(
            "%s is stale; regenerate it from the repository root with:%n  %s",
            ConfigDocs.DOCS_PATH, ConfigDocs.REGENERATE_COMMAND)
        .isEqualTo(ConfigDocs.render(OptionRegistry.load()));
  }

  @Test
  void rendersTypeDefaultRequirementAndDeprecatedKeysEscapingPipes() {
    String md = ConfigDocs.render(OptionRegistry.ofClasses(List.of(TestOptions.class)));
    assertThat(md)
        .contains(
            "## TestOptions\n\nDeclared in `dev.ember.conf.TestOptions`.\n\n"
                + "| Key | Type | Default | Description |\n"
                + "|---|---|---|---|\n"
                + "| `ember.executor.memory` | size | `1g` | Heap of each executor. Deprecated keys:"
                + " `ember.executor.heap`, `ember.executorMemory`. |\n"
                + "| `ember.test.retries` | int | (none) | Retries \\| with a pipe. Must not be"
                + " negative. |\n");
  }
}
