package dev.ember.yarn.client;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code raw:}, standing in for a remote FileSystem ({@code
 * hdfs://}) in unit tests: register it with {@code fs.raw.impl}.
 */
public final class RawSchemeFileSystem extends RawLocalFileSystem {
  @Override
  public URI getUri() {
    return URI.create("raw:///");
  }

  @Override
  public String getScheme() {
    return "raw";
  }
}
