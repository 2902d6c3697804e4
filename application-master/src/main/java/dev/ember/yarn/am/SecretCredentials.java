package dev.ember.yarn.am;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Carries the application's RPC secret in YARN container credentials (the {@code tokens} of a
 * {@code ContainerLaunchContext}), as Spark ships {@code spark.authenticate.secret} on YARN: the
 * NodeManager writes them to the container's private token file ({@code
 * $HADOOP_TOKEN_FILE_LOCATION}), so the secret never appears on a command line, in an environment
 * variable or in the staging directory. Stateless; thread-safe.
 */
public final class SecretCredentials {
  /** The alias of the secret key in the credentials. */
  public static final Text ALIAS = new Text("ember.rpc.secret");

  /** Length of a secret in bytes (that of {@link dev.ember.rpc.RpcSecret}). */
  public static final int LENGTH = dev.ember.rpc.RpcSecret.LENGTH;

  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretCredentials() {}

  /** A new random secret. */
  public static byte[] newSecret() {
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * {@code base} plus the secret, serialized for {@code ContainerLaunchContext.setTokens}.
   *
   * @throws IOException if the credentials cannot be serialized
   */
  public static ByteBuffer tokens(Credentials base, byte[] secret) throws IOException {
    Credentials credentials = new Credentials(base);
    credentials.addSecretKey(ALIAS, secret.clone());
    DataOutputBuffer out = new DataOutputBuffer();
    credentials.writeTokenStorageToStream(out);
    return ByteBuffer.wrap(out.getData(), 0, out.getLength());
  }

  /**
   * Reads the secret from this container's credentials ({@code $HADOOP_TOKEN_FILE_LOCATION})
   * without a Hadoop {@code Configuration}: an executor calls this before it registers, and loading
   * Hadoop's configuration first (XML parsing, and {@code Shell}'s static initializer, which forks
   * {@code setsid}) would delay its registration for nothing.
   *
   * @throws IOException if the container has no token file or it holds no Ember secret (the
   *     container was not launched by ember-submit or its ApplicationMaster)
   */
  public static byte[] fromContainer() throws IOException {
    String location = System.getenv(UserGroupInformation.HADOOP_TOKEN_FILE_LOCATION);
    if (location == null) {
      throw new IOException(
          UserGroupInformation.HADOOP_TOKEN_FILE_LOCATION
              + " is not set: this process does not run in a YARN container launched by"
              + " ember-submit or Ember's ApplicationMaster");
    }
    return fromTokenFile(Path.of(location));
  }

  /**
   * Reads the secret from a token storage file in Hadoop's format (what the NodeManager writes to
   * {@code $HADOOP_TOKEN_FILE_LOCATION}).
   *
   * @throws IOException if the file cannot be read or holds no Ember secret
   */
  static byte[] fromTokenFile(Path file) throws IOException {
    String location = file.toString();
    Credentials credentials = new Credentials();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      credentials.readTokenStorageStream(in);
    }
    byte[] secret = credentials.getSecretKey(ALIAS);
    if (secret == null || secret.length != LENGTH) {
      throw new IOException(
          "the container credentials in "
              + location
              + " hold no Ember RPC secret ("
              + ALIAS
              + "); resubmit the application with ember-submit");
    }
    return secret;
  }
}
