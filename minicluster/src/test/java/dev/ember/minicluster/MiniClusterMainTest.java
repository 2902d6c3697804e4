package dev.ember.minicluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MiniClusterMainTest {
  @TempDir Path dir;

  @Test
  void anImpossibleTopologyIsAUsageErrorBeforeAnythingStarts() {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new MiniClusterMain())
              .execute("--dir", dir.toString(), "--hosts", "2", "--racks", "3");
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("racks: 3 is out of range; use 1 to the number of hosts (2)");
    assertThat(dir.resolve(MiniClusterMain.READY_FILE)).doesNotExist();
  }
}
