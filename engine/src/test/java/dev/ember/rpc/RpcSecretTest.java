package dev.ember.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcSecretTest {
  @TempDir Path dir;

  @Test
  void roundTripsThroughAnOwnerOnlyFile() throws IOException {
    RpcSecret secret = RpcSecret.generate();
    Path file = dir.resolve("secret");
    secret.writeTo(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    RpcSecret read = RpcSecret.readFrom(file);
    assertThat(read.matches(secret.bytes())).isTrue();
    assertThat(RpcSecret.generate().matches(secret.bytes())).isFalse();
  }

  @Test
  void refusesAFileOthersCanRead() throws IOException {
    Path file = dir.resolve("secret");
    RpcSecret.generate().writeTo(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> RpcSecret.readFrom(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void neverPrintsItself() {
    assertThat(RpcSecret.generate().toString()).isEqualTo("RpcSecret(redacted)");
  }
}
