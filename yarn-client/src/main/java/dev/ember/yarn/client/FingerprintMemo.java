package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Remembers the {@link JarCache#fingerprint} of local jars across ember-submit runs, so that a
 * submission does not hash Ember's ~20 MB of runtime jars again (about half a second of the
 * client's start-up on a busy machine). An entry is reused only while the file's size, modification
 * time, change time ({@code ctime}, which every write updates and no user can set back) and inode
 * are those it was computed for, as Gradle's file hash cache keys on path, size and modification
 * time. Kept as a properties file (by default {@code ~/.cache/ember/ jar-fingerprints.properties}),
 * replaced atomically; best effort: a memo that cannot be read or written, or a platform without
 * the {@code unix} file attribute view, means hashing again, never an error. Not thread-safe; one
 * per submission (concurrent submissions each replace the whole file; the last one wins, which
 * costs at most a hash later).
 */
final class FingerprintMemo {
  private static final int MAX_ENTRIES = 2000;

  private final Optional<Path> file;
  private final Properties entries = new Properties();
  private boolean changed;

  private FingerprintMemo(Optional<Path> file) {
    this.file = requireNonNull(file, "file is null");
    if (file.isPresent() && Files.isRegularFile(file.get())) {
      try (Reader in = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        entries.load(in);
      } catch (IOException | IllegalArgumentException e) {
        entries.clear(); // Unreadable or corrupt: start over.
      }
    }
  }

  /** A memo kept in {@code file}. */
  static FingerprintMemo at(Path file) {
    return new FingerprintMemo(Optional.of(file));
  }

  /**
   * The memo of the current user: {@code $XDG_CACHE_HOME} or {@code ~/.cache}, then {@code ember}.
   */
  static FingerprintMemo ofUser() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return at(base.resolve("ember").resolve("jar-fingerprints.properties"));
  }

  /** A memo that remembers nothing (always hashes). */
  static FingerprintMemo none() {
    return new FingerprintMemo(Optional.empty());
  }

  /**
   * The fingerprint of {@code jar}: remembered if the file is unchanged, else computed (and
   * remembered).
   *
   * @throws IOException if the file cannot be read
   */
  String fingerprint(Path jar) throws IOException {
    Optional<String> identity = identity(jar);
    String key = jar.toAbsolutePath().normalize().toString();
    if (identity.isPresent()) {
      String known = entries.getProperty(key);
      String prefix = identity.get() + " ";
      if (known != null && known.startsWith(prefix)) {
        return known.substring(prefix.length());
      }
    }
    String fingerprint = JarCache.fingerprint(jar);
    if (identity.isPresent() && file.isPresent()) {
      entries.setProperty(key, identity.get() + " " + fingerprint);
      changed = true;
    }
    return fingerprint;
  }

  /** Writes the memo back if it learned something; failures are ignored (see the class doc). */
  void save() {
    if (!changed || file.isEmpty()) {
      return;
    }
    Path target = file.get();
    if (entries.size() > MAX_ENTRIES) {
      entries.clear(); // Old builds' jars pile up: forget them all rather than grow forever.
    }
    Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(target.getParent());
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        entries.store(out, "ember-submit: SHA-256 prefixes of local jars (see FingerprintMemo)");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      changed = false;
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // Best effort.
      }
    }
  }

  /** size, mtime, ctime and inode of {@code file}; empty where the unix view is missing. */
  private static Optional<String> identity(Path file) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(
        a.get("size")
            + ":"
            + a.get("lastModifiedTime")
            + ":"
            + a.get("ctime")
            + ":"
            + a.get("ino"));
  }
}
