package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCredentialsTest {
  @TempDir Path dir;

  @Test
  void readsTheSecretFromTheTokenFileOfAContainer() throws IOException {
    byte[] secret = SecretCredentials.newSecret();
    Credentials base = new Credentials();
    base.addSecretKey(new Text("other"), new byte[] {7});
    Path file = write(SecretCredentials.tokens(base, secret));

    assertThat(SecretCredentials.fromTokenFile(file)).isEqualTo(secret);
  }

  @Test
  void aTokenFileWithoutTheSecretSaysToResubmit() throws IOException {
    Credentials other = new Credentials();
    other.addSecretKey(new Text("other"), new byte[] {7});
    Path file = dir.resolve("tokens");
    other.writeTokenStorageFile(
        new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration());

    assertThatThrownBy(() -> SecretCredentials.fromTokenFile(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("hold no Ember RPC secret (ember.rpc.secret)")
        .hasMessageContaining("resubmit the application with ember-submit");
  }

  private Path write(ByteBuffer tokens) throws IOException {
    byte[] bytes = new byte[tokens.remaining()];
    tokens.get(bytes);
    Path file = dir.resolve("container_tokens");
    Files.write(file, bytes);
    return file;
  }
}
