package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.AppSpec;
import dev.ember.yarn.am.StagingLayout;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * Uploads what an application's containers need into its staging directory, {@code
 * .emberStaging/<applicationId>} under the user's home on the default FileSystem (permission 700):
 * the application jar, Ember's runtime jars, the configuration and the main class with its
 * arguments. Every file there becomes a LocalResource of the AM and executor containers. Not
 * thread-safe; one per submission.
 */
final class Stager {
  private static final FsPermission PRIVATE_DIR = new FsPermission((short) 0700);
  private static final FsPermission PRIVATE_FILE = new FsPermission((short) 0600);

  private final FileSystem fs;
  private final Path dir;

  Stager(FileSystem fs, ApplicationId appId) {
    this.fs = requireNonNull(fs, "fs is null");
    this.dir =
        fs.makeQualified(
            new Path(
                new Path(fs.getHomeDirectory(), StagingLayout.STAGING_PARENT), appId.toString()));
  }

  /** The staging directory, fully qualified. */
  Path dir() {
    return dir;
  }

  /**
   * Creates the directory and uploads everything.
   *
   * @param appJar the application jar on the local file system
   * @param emberJars Ember's runtime jars on the local file system
   * @return the names of the staged files, for the log
   * @throws IOException if the directory cannot be created or a file cannot be uploaded
   */
  List<String> stage(
      java.nio.file.Path appJar, List<java.nio.file.Path> emberJars, EmberConf conf, AppSpec app)
      throws IOException {
    fs.mkdirs(dir, PRIVATE_DIR);
    fs.setPermission(dir, PRIVATE_DIR); // mkdirs applies the umask.
    upload(appJar, StagingLayout.APP_JAR);
    for (java.nio.file.Path jar : emberJars) {
      upload(jar, jar.getFileName().toString());
    }
    try (Writer out = create(StagingLayout.CONF_FILE)) {
      Properties p = new Properties();
      p.putAll(conf.asMap());
      p.store(out, "Ember configuration of this application");
    }
    try (Writer out = create(StagingLayout.APP_FILE)) {
      app.writeTo(out);
    }
    return List.of(fs.listStatus(dir)).stream().map(s -> s.getPath().getName()).sorted().toList();
  }

  /** Deletes the staging directory (the AM will do it itself in a later version). */
  void delete() throws IOException {
    fs.delete(dir, true);
  }

  private void upload(java.nio.file.Path local, String name) throws IOException {
    Path target = new Path(dir, name);
    fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
    fs.setPermission(target, PRIVATE_FILE);
  }

  private Writer create(String name) throws IOException {
    FSDataOutputStream out = FileSystem.create(fs, new Path(dir, name), PRIVATE_FILE);
    return new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }
}
