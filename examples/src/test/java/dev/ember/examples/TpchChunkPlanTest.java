package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TpchChunkPlanTest {
  @Test
  void cutsLargeTablesIntoChunksOfTensOfMegabytes() {
    // lineitem at SF 1 is about 760 MB: 23 part files of about 32 MiB.
    assertThat(TpchChunkPlan.chunkCount("lineitem", 1, 2)).isEqualTo(23);
    assertThat(TpchChunkPlan.chunkCount("orders", 1, 2)).isEqualTo(6);
    assertThat(TpchChunkPlan.chunkCount("lineitem", 10, 2)).isEqualTo(227);
  }

  @Test
  void usesAtLeastTheDefaultParallelismButNeverMoreChunksThanRows() {
    assertThat(TpchChunkPlan.chunkCount("customer", 1, 8)).isEqualTo(8);
    assertThat(TpchChunkPlan.chunkCount("supplier", 0.0001, 8)).isEqualTo(1);
    assertThat(TpchChunkPlan.chunkCount("supplier", 0.0005, 8)).isEqualTo(5);
  }

  @Test
  void keepsTheFixedTablesInOneChunk() {
    assertThat(TpchChunkPlan.chunkCount("nation", 100, 8)).isEqualTo(1);
    assertThat(TpchChunkPlan.chunks("region", 100, 8))
        .containsExactly(new TpchChunk("region", 100, 1, 1));
  }
}
