package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

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
