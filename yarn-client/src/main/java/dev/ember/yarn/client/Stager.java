package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.AppSpec;
import dev.ember.yarn.am.ResourceManifest;
import dev.ember.yarn.am.StagingLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * Uploads what an application's containers need into its staging directory, {@code
 * .emberStaging/<applicationId>} under the user's home on the default FileSystem (permission 700):
 * the application jar, the application's local {@code --jars}, {@code --files} and {@code
 * --archives}, the configuration and the main class with its arguments. Every plain file there
 * becomes a LocalResource of the AM and executor containers; the rest (Ember's runtime jars in the
 * shared {@link JarCache}, remote resources, archives) is listed in a {@link ResourceManifest}.
 * Deleted by the ApplicationMaster when the application ends, or by ember-submit when the AM could
 * not. Not thread-safe; one per submission.
 */
final class Stager {
  private static final FsPermission PRIVATE_DIR = new FsPermission((short) 0700);
  private static final FsPermission PRIVATE_FILE = new FsPermission((short) 0600);

  private final FileSystem fs;
  private final Path dir;

  Stager(FileSystem fs, ApplicationId appId) {
    this(fs, new Path(fs.getHomeDirectory(), StagingLayout.STAGING_PARENT), appId);
  }

  /** Stages into {@code <parent>/<appId>} (tests). */
  Stager(FileSystem fs, Path parent, ApplicationId appId) {
    this.fs = requireNonNull(fs, "fs is null");
    this.dir = fs.makeQualified(new Path(parent, appId.toString()));
  }

  /** The staging directory, fully qualified. */
  Path dir() {
    return dir;
  }

  /**
   * Creates the directory and uploads the application's files: its jar, its local {@code
   * --jars/--files/--archives}, the configuration and the main class with its arguments; and writes
   * the {@link ResourceManifest} of what containers localize from elsewhere ({@code cachedJars},
   * remote resources, archives). Remote resources are looked up first, so that a missing one leaves
   * nothing behind.
   *
   * @param appJar the application jar on the local file system
   * @param cachedJars Ember's runtime jars in the shared cache, keyed by link name
   * @return the names of the uploaded files (the application's own), for the log
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} if a remote resource does not exist
   * @throws IOException if the directory cannot be created or a file cannot be uploaded
   */
  List<String> stage(
      java.nio.file.Path appJar,
      EmberConf conf,
      AppSpec app,
      UserResources resources,
      Map<String, LocalResource> cachedJars)
      throws IOException, SubmitException {
    Map<String, LocalResource> manifest = new TreeMap<>(cachedJars);
    for (UserResources.Resource r : resources.all()) {
      if (r.remote().isPresent()) {
        manifest.put(r.linkName(), remote(r));
      }
    }
    fs.mkdirs(dir, PRIVATE_DIR);
    fs.setPermission(dir, PRIVATE_DIR); // mkdirs applies the umask.
    List<String> uploaded = new ArrayList<>();
    upload(appJar, new Path(dir, StagingLayout.APP_JAR));
    uploaded.add(appJar.getFileName() + " as " + StagingLayout.APP_JAR);
    for (UserResources.Resource r : resources.all()) {
      if (r.local().isEmpty()) {
        continue;
      }
      java.nio.file.Path local = r.local().get();
      if (r.kind() == UserResources.Kind.ARCHIVE) {
        // NodeManagers pick the unpacking by the file's extension: keep its own name.
        Path target =
            new Path(
                new Path(new Path(dir, StagingLayout.ARCHIVES_DIR), r.linkName()),
                local.getFileName().toString());
        fs.mkdirs(target.getParent(), PRIVATE_DIR);
        upload(local, target);
        manifest.put(r.linkName(), resource(fs.getFileStatus(target), LocalResourceType.ARCHIVE));
      } else {
        upload(local, new Path(dir, r.linkName()));
      }
      uploaded.add(r.kind().flag() + " " + local.getFileName() + " as " + r.linkName());
    }
    try (Writer out = create(StagingLayout.CONF_FILE)) {
      Properties p = new Properties();
      p.putAll(conf.asMap());
      p.store(out, "Ember configuration of this application");
    }
    try (Writer out = create(StagingLayout.APP_FILE)) {
      app.writeTo(out);
    }
    if (!manifest.isEmpty()) {
      try (Writer out = create(StagingLayout.RESOURCES_FILE)) {
        new ResourceManifest(manifest).writeTo(out);
      }
    }
    return List.copyOf(uploaded);
  }

  /**
   * Deletes the staging directory if it is still there.
   *
   * @return whether there was something to delete
   */
  boolean deleteIfPresent() throws IOException {
    return fs.exists(dir) && fs.delete(dir, true);
  }

  private LocalResource remote(UserResources.Resource r) throws IOException, SubmitException {
    Path path = new Path(r.remote().get());
    FileStatus status;
    try {
      status = path.getFileSystem(fs.getConf()).getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR, r.kind().flag() + " " + r.spec() + ": does not exist", e);
    }
    if (!status.isFile()) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR, r.kind().flag() + " " + r.spec() + ": is not a file");
    }
    return resource(
        status,
        r.kind() == UserResources.Kind.ARCHIVE
            ? LocalResourceType.ARCHIVE
            : LocalResourceType.FILE);
  }

  private static LocalResource resource(FileStatus status, LocalResourceType type) {
    return LocalResource.newInstance(
        URL.fromPath(status.getPath()),
        type,
        LocalResourceVisibility.APPLICATION,
        status.getLen(),
        status.getModificationTime());
  }

  private void upload(java.nio.file.Path local, Path target) throws IOException {
    fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
    fs.setPermission(target, PRIVATE_FILE);
  }

  private Writer create(String name) throws IOException {
    FSDataOutputStream out = FileSystem.create(fs, new Path(dir, name), PRIVATE_FILE);
    return new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }
}
