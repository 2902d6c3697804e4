package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionRegistryTest {

  /** Declares a key CoreOptions already has. */
  public static final class Clashing {
    private Clashing() {}

    public static final ConfigOption<String> MASTER =
        ConfigOptions.key("ember.master").stringType().withDescription("Again.");
  }

  @Test
  void findsCoreOptionsThroughServiceLoader() {
    OptionRegistry registry = OptionRegistry.load();
    assertThat(registry.groups())
        .extracting(OptionGroup::declaringClass)
        .contains(CoreOptions.class);
    assertThat(registry.option("ember.master")).containsSame(CoreOptions.MASTER);
    assertThat(registry.keys()).hasSize(35);
  }

  @Test
  void registersOnlyPublicStaticFinalFields() {
    OptionRegistry registry = TestOptions.registry();
    assertThat(registry.option("ember.test.retries")).containsSame(TestOptions.RETRIES);
    assertThat(registry.option("ember.test.instance")).isEmpty();
    assertThat(registry.optionForDeprecatedKey("ember.executor.heap"))
        .containsSame(TestOptions.EXECUTOR_MEMORY);
    assertThat(registry.groups())
        .extracting(OptionGroup::declaringClass)
        .containsExactly(CoreOptions.class, TestOptions.class);
  }

  @Test
  void aKeyDeclaredTwiceFailsLoading() {
    assertThatThrownBy(() -> OptionRegistry.ofClasses(List.of(CoreOptions.class, Clashing.class)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ember.master is declared twice");
  }
}
