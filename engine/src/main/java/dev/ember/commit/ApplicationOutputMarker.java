package dev.ember.commit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a later attempt of the same application that an output directory holds nothing but an
 * earlier attempt's uncommitted output. A write's driver {@linkplain #mark marks} the output's
 * {@code _temporary} directory (Hadoop's {@code FileOutputCommitter} staging area) with the
 * application id in {@code _temporary/ember-application}. If the driver dies before it commits or
 * aborts (an ApplicationMaster killed in cluster deploy mode), YARN's next attempt re-runs the
 * application, finds the output directory present, and {@link #abortEarlierAttempt} deletes it when
 * all it holds is that marked {@code _temporary}: the write then proceeds as the first attempt's
 * would have, instead of failing with "already exists". Output of another application, or any
 * committed file, is never touched.
 *
 * <p>Called on the driver; stateless; every call does file system I/O.
 */
public final class ApplicationOutputMarker {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationOutputMarker.class);

  /** Hadoop's {@code FileOutputCommitter.PENDING_DIR_NAME}. */
  public static final String TEMPORARY = "_temporary";

  /** The marker's name inside {@link #TEMPORARY}. */
  public static final String MARKER = "ember-application";

  private ApplicationOutputMarker() {}

  /**
   * Writes the marker {@code <output>/_temporary/ember-application} holding {@code appId} (UTF-8),
   * creating the directories; call it after the committer's job setup. The commit or abort of the
   * job deletes {@code _temporary}, and the marker with it.
   *
   * @throws IOException if the file system fails
   */
  public static void mark(FileSystem fs, Path output, String appId) throws IOException {
    requireNonNull(appId, "appId is null");
    Path marker = new Path(new Path(output, TEMPORARY), MARKER);
    try (OutputStream out = fs.create(marker, true)) {
      out.write(appId.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Deletes {@code output} if it is a directory holding only a {@code _temporary} directory marked
   * by application {@code appId}: an earlier attempt's uncommitted output (YARN application ids are
   * the same across attempts).
   *
   * @return whether {@code output} was deleted
   * @throws IOException if the file system fails
   */
  public static boolean abortEarlierAttempt(FileSystem fs, Path output, String appId)
      throws IOException {
    requireNonNull(appId, "appId is null");
    FileStatus status;
    try {
      status = fs.getFileStatus(output);
    } catch (java.io.FileNotFoundException e) {
      return false;
    }
    if (!status.isDirectory()) {
      return false;
    }
    FileStatus[] children = fs.listStatus(output);
    if (children.length != 1
        || !children[0].isDirectory()
        || !children[0].getPath().getName().equals(TEMPORARY)) {
      return false;
    }
    Path marker = new Path(children[0].getPath(), MARKER);
    if (!fs.exists(marker)) {
      return false;
    }
    String owner;
    try (InputStream in = fs.open(marker)) {
      owner = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    if (!owner.equals(appId)) {
      return false;
    }
    LOG.warn(
        "Output {} holds only the uncommitted output of an earlier attempt of {}; aborting it",
        fs.makeQualified(output),
        appId);
    if (!fs.delete(output, true)) {
      throw new IOException("cannot delete " + output + ": delete returned false");
    }
    return true;
  }
}
