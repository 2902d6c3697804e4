package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorArgsTest {
  @Test
  void roundTripsThroughTheCommandLine() {
    ExecutorArgs args =
        new ExecutorArgs(
            "driver:4040",
            "3",
            "node-1",
            2,
            128L << 20,
            List.of(Path.of("/a"), Path.of("/b")),
            Path.of("/secrets/rpc"));

    assertThat(ExecutorArgs.parse(args.toArgs().toArray(String[]::new))).isEqualTo(args);
    assertThat(args.toArgs()).noneMatch(a -> a.contains("secret=")).contains("/secrets/rpc");
  }

  @Test
  void namesTheMissingFlag() {
    assertThatThrownBy(() -> ExecutorArgs.parse(new String[] {"--driver", "d:1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("missing --cores")
        .hasMessageContaining("usage: ExecutorMain");
  }

  @Test
  void rejectsUnknownFlags() {
    assertThatThrownBy(() -> ExecutorArgs.parse(new String[] {"--secret", "abc"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown argument \"--secret\"");
  }

  @Test
  void parsesLocalClusterMasters() {
    assertThat(LocalClusterSpec.parse("local-cluster[2, 1, 512]"))
        .isEqualTo(new LocalClusterSpec(2, 1, 512));
    assertThatThrownBy(() -> LocalClusterSpec.parse("local-cluster[2,1]"))
        .hasMessageContaining("use local-cluster[N,cores,memoryMiB]");
    assertThatThrownBy(() -> LocalClusterSpec.parse("local-cluster[2,1,128]"))
        .hasMessageContaining("at least 512 MiB");
  }
}
