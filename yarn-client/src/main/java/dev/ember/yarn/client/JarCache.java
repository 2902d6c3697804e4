package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * The shared cache of Ember's runtime jars on the default FileSystem: {@code
 * <cacheDir>/<emberVersion>/<sha256 prefix>-<jar name>}, uploaded once per Ember version and
 * content and reused by every later submission (Spark's {@code spark.yarn.archive} idea, without
 * the manual step). A jar whose content changed gets a new name, so a stale copy is never reused.
 * Uploads go to a temporary name first and are renamed into place, so a concurrent submission sees
 * either no file or a whole one.
 *
 * <p>The cache's directories are created world-readable and -executable (755) and its files
 * world-readable (644); the jars are then localized with PUBLIC visibility, shared by all
 * applications on a NodeManager, if every ancestor directory is world-executable, as YARN's
 * FSDownload requires of public resources. Otherwise (e.g. a home directory with permission 700)
 * they are localized with APPLICATION visibility, still without uploading again. Never deleted by
 * ember-submit or the ApplicationMaster. Not thread-safe; one per submission.
 */
final class JarCache {
  private static final FsPermission DIR = new FsPermission((short) 0755);
  private static final FsPermission FILE = new FsPermission((short) 0644);
  private static final int FINGERPRINT_HEX_CHARS = 16;

  private final FileSystem fs;
  private final Path dir;
  private final FingerprintMemo fingerprints;

  /** A cache that hashes every jar on every publish. */
  JarCache(FileSystem fs, Path dir) {
    this(fs, dir, FingerprintMemo.none());
  }

  /**
   * @param fs the default FileSystem
   * @param dir the cache directory of this Ember version, fully qualified
   * @param fingerprints where the local jars' fingerprints are remembered between submissions
   */
  JarCache(FileSystem fs, Path dir, FingerprintMemo fingerprints) {
    this.fs = requireNonNull(fs, "fs is null");
    this.dir = requireNonNull(dir, "dir is null");
    this.fingerprints = requireNonNull(fingerprints, "fingerprints is null");
  }

  /**
   * The cache directory of this Ember version: {@code configured} (ember.yarn.jarCache.dir) or
   * {@code .emberCache} under the user's home, then the version.
   */
  static Path versionDir(FileSystem fs, Optional<String> configured, String version) {
    Path root =
        configured.map(Path::new).orElseGet(() -> new Path(fs.getHomeDirectory(), ".emberCache"));
    return fs.makeQualified(new Path(root, version));
  }

  /** Ember's version from the jar manifest, or {@code "dev"} when run from classes. */
  static String emberVersion() {
    String v = JarCache.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "dev" : v;
  }

  /** The outcome of {@link #publish}: resources keyed by link name, and what was done. */
  record Published(
      Map<String, LocalResource> resources,
      List<String> uploaded,
      List<String> reused,
      LocalResourceVisibility visibility,
      Optional<String> notPublicBecause) {
    Published {
      resources = Map.copyOf(resources);
      uploaded = List.copyOf(uploaded);
      reused = List.copyOf(reused);
      requireNonNull(visibility, "visibility is null");
      requireNonNull(notPublicBecause, "notPublicBecause is null");
    }
  }

  /**
   * Makes sure each jar is in the cache, uploading those that are not. A warm cache costs one
   * listing of the cache directory (not a lookup per jar) and no hashing of unchanged local jars
   * ({@link FingerprintMemo}).
   *
   * @param jars local jar files
   * @return one FILE resource per jar, keyed by the jar's file name
   * @throws IOException if the cache cannot be created, read or written
   */
  Published publish(List<java.nio.file.Path> jars) throws IOException {
    if (jars.isEmpty()) {
      return new Published(
          Map.of(), List.of(), List.of(), LocalResourceVisibility.PUBLIC, Optional.empty());
    }
    mkdirs(dir);
    Optional<String> notPublic = notWorldExecutable(dir);
    LocalResourceVisibility visibility =
        notPublic.isEmpty() ? LocalResourceVisibility.PUBLIC : LocalResourceVisibility.APPLICATION;
    Map<String, FileStatus> cached = new HashMap<>();
    for (FileStatus status : fs.listStatus(dir)) {
      cached.put(status.getPath().getName(), status);
    }
    Map<String, LocalResource> resources = new HashMap<>();
    List<String> uploaded = new ArrayList<>();
    List<String> reused = new ArrayList<>();
    for (java.nio.file.Path jar : jars) {
      String name = jar.getFileName().toString();
      Path target = new Path(dir, fingerprints.fingerprint(jar) + "-" + name);
      long size = Files.size(jar);
      FileStatus existing = cached.get(target.getName());
      FileStatus status;
      if (existing != null && existing.isFile() && existing.getLen() == size) {
        reused.add(name);
        status = existing;
      } else {
        upload(jar, target);
        uploaded.add(name);
        status = fs.getFileStatus(target);
      }
      resources.put(
          name,
          LocalResource.newInstance(
              URL.fromPath(status.getPath()),
              LocalResourceType.FILE,
              visibility,
              status.getLen(),
              status.getModificationTime()));
    }
    fingerprints.save();
    return new Published(resources, uploaded, reused, visibility, notPublic);
  }

  /** The first 16 hex digits of the SHA-256 of the file's content. */
  static String fingerprint(java.nio.file.Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, FINGERPRINT_HEX_CHARS);
  }

  private void upload(java.nio.file.Path jar, Path target) throws IOException {
    Path temp = new Path(dir, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    try {
      fs.copyFromLocalFile(false, true, new Path(jar.toUri()), temp);
      fs.setPermission(temp, FILE);
      if (!fs.rename(temp, target) && !fs.exists(target)) {
        throw new IOException("cannot rename " + temp + " to " + target);
      }
      // rename returns false when another submission won the race: its copy is as good.
    } finally {
      if (fs.exists(temp)) {
        fs.delete(temp, false);
      }
    }
  }

  private void mkdirs(Path path) throws IOException {
    if (path == null || fs.exists(path)) {
      return;
    }
    mkdirs(path.getParent());
    fs.mkdirs(path, DIR);
    fs.setPermission(path, DIR); // mkdirs applies the umask.
  }

  /**
   * Why files in {@code path} could not be PUBLIC resources: the first of it and its ancestors that
   * others cannot traverse (FSDownload's rule), or empty if all can.
   */
  private Optional<String> notWorldExecutable(Path path) throws IOException {
    for (Path p = path; p != null; p = p.getParent()) {
      FsPermission perm = fs.getFileStatus(p).getPermission();
      if (!perm.getOtherAction().implies(FsAction.EXECUTE)) {
        return Optional.of(p + " has permission " + perm + " (others cannot traverse it)");
      }
    }
    return Optional.empty();
  }
}
