package dev.ember.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The per-application secret that every RPC call between the driver and its executors carries
 * (Spark's {@code spark.authenticate.secret}, generated per application as Spark does on YARN). 32
 * random bytes from {@link SecureRandom}. It reaches executors through a file readable only by its
 * owner (later: YARN container credentials), never a command line, an environment variable or a log
 * line; {@link #toString()} does not reveal it. Immutable and thread-safe.
 */
public final class RpcSecret {
  /** Length of a secret in bytes. */
  public static final int LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final byte[] bytes;

  private RpcSecret(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an RPC secret has " + LENGTH + " bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** A new random secret. */
  public static RpcSecret generate() {
    byte[] b = new byte[LENGTH];
    RANDOM.nextBytes(b);
    return new RpcSecret(b);
  }

  /** A secret from its raw bytes (e.g. read from container credentials). */
  public static RpcSecret of(byte[] bytes) {
    return new RpcSecret(bytes);
  }

  /**
   * Reads a secret written by {@link #writeTo}.
   *
   * @throws IOException if the file cannot be read, is readable by group or others, or does not
   *     hold exactly {@value #LENGTH} bytes
   */
  public static RpcSecret readFrom(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> perms = posix.readAttributes().permissions();
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new IOException(
            "the RPC secret file "
                + file
                + " is accessible to other users ("
                + PosixFilePermissions.toString(perms)
                + "); it must be mode 600 (chmod 600 "
                + file
                + ")");
      }
    }
    byte[] b = Files.readAllBytes(file);
    if (b.length != LENGTH) {
      throw new IOException(
          "the RPC secret file " + file + " holds " + b.length + " bytes, expected " + LENGTH);
    }
    return new RpcSecret(b);
  }

  /**
   * Writes the secret to a new file that only its owner can read or write (mode 600 where the file
   * system has POSIX permissions).
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   */
  public void writeTo(Path file) throws IOException {
    if (Files.getFileStore(file.toAbsolutePath().getParent())
        .supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(file);
    }
    Files.write(file, bytes);
  }

  /** Whether {@code candidate} is this secret, compared in constant time. */
  public boolean matches(byte[] candidate) {
    return MessageDigest.isEqual(bytes, candidate);
  }

  /** A copy of the raw bytes (to attach to calls). */
  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "RpcSecret(redacted)";
  }
}
