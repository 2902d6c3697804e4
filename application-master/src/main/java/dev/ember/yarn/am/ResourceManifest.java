package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * The container resources that do not sit as plain files in the staging directory: Ember's runtime
 * jars in the shared jar cache (PUBLIC when the cache is world-readable), files given by a URI with
 * a scheme ({@code --files hdfs://...}, used in place) and archives ({@code --archives}, unpacked
 * by the NodeManager). ember-submit writes it to {@link StagingLayout#RESOURCES_FILE}; the
 * ApplicationMaster reads it back to give executors the same resources.
 *
 * <p>Format: a properties file, one entry per link name: {@code <type> <visibility> <size>
 * <timestamp> <uri>} (size in bytes, timestamp in ms since the epoch, as YARN checks them when it
 * localizes). Immutable.
 */
public final class ResourceManifest {
  private final Map<String, LocalResource> resources;

  public ResourceManifest(Map<String, LocalResource> resources) {
    this.resources = Map.copyOf(requireNonNull(resources, "resources is null"));
  }

  /** The resources keyed by link name (the name in the container's working directory). */
  public Map<String, LocalResource> resources() {
    return resources;
  }

  /** Writes the manifest. */
  public void writeTo(Writer out) throws IOException {
    Properties p = new Properties();
    for (Map.Entry<String, LocalResource> e : new TreeMap<>(resources).entrySet()) {
      LocalResource r = e.getValue();
      String uri;
      try {
        uri = r.getResource().toPath().toUri().toString();
      } catch (URISyntaxException ex) {
        throw new IOException("resource " + e.getKey() + " has a malformed URL", ex);
      }
      p.setProperty(
          e.getKey(),
          String.join(
              " ",
              r.getType().name(),
              r.getVisibility().name(),
              Long.toString(r.getSize()),
              Long.toString(r.getTimestamp()),
              uri));
    }
    p.store(out, "Ember container resources outside the staging directory");
  }

  /**
   * Reads a manifest written by {@link #writeTo}.
   *
   * @throws IOException if it cannot be read or an entry is malformed (naming the entry)
   */
  public static ResourceManifest readFrom(Reader in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    Map<String, LocalResource> resources = new LinkedHashMap<>();
    for (String name : p.stringPropertyNames()) {
      String[] f = p.getProperty(name).split(" ", 5);
      try {
        if (f.length != 5) {
          throw new IllegalArgumentException("expected 5 fields, got " + f.length);
        }
        resources.put(
            name,
            LocalResource.newInstance(
                URL.fromURI(new java.net.URI(f[4])),
                LocalResourceType.valueOf(f[0]),
                LocalResourceVisibility.valueOf(f[1]),
                Long.parseLong(f[2]),
                Long.parseLong(f[3])));
      } catch (IllegalArgumentException | URISyntaxException e) {
        throw new IOException(
            "malformed resource entry " + name + "=" + p.getProperty(name) + ": " + e.getMessage(),
            e);
      }
    }
    return new ResourceManifest(resources);
  }
}
