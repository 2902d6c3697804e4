package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import org.junit.jupiter.api.Test;

class ContainerSizeTest {
  @Test
  void overheadIsAtLeast384MiB() {
    ContainerSize size =
        ContainerSize.of(
            EmberConf.empty().with(YarnOptions.EXECUTOR_MEMORY.key(), "1g"),
            YarnOptions.EXECUTOR_MEMORY,
            YarnOptions.EXECUTOR_MEMORY_OVERHEAD);
    assertThat(size).isEqualTo(new ContainerSize(1024, 384));
    assertThat(size.totalMiB()).isEqualTo(1408);
  }

  @Test
  void overheadIsTenPercentOfLargeHeaps() {
    ContainerSize size =
        ContainerSize.of(
            EmberConf.empty().with(YarnOptions.EXECUTOR_MEMORY.key(), "8g"),
            YarnOptions.EXECUTOR_MEMORY,
            YarnOptions.EXECUTOR_MEMORY_OVERHEAD);
    assertThat(size.totalMiB()).isEqualTo(8192 + 819);
  }

  @Test
  void configuredOverheadWins() {
    ContainerSize size =
        ContainerSize.of(
            EmberConf.empty()
                .with(YarnOptions.DRIVER_MEMORY.key(), "2g")
                .with(YarnOptions.DRIVER_MEMORY_OVERHEAD.key(), "1g"),
            YarnOptions.DRIVER_MEMORY,
            YarnOptions.DRIVER_MEMORY_OVERHEAD);
    assertThat(size).isEqualTo(new ContainerSize(2048, 1024));
  }
}
