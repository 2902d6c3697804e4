package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import dev.ember.yarn.am.StagingLayout;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The application's own resources from {@code --jars}, {@code --files} and {@code --archives}, as
 * spark-submit takes them: comma-separated, each a local path (uploaded by ember-submit) or a URI
 * with a scheme such as {@code hdfs://nn/lib/x.jar} (localized from where it is, not uploaded); an
 * optional {@code #name} gives the name of the link in the containers' working directory (for an
 * archive, the directory it is unpacked into). Parsed and checked before anything is staged.
 */
final class UserResources {
  /** What a resource is, and the flag that gives it. */
  enum Kind {
    JAR("--jars"),
    FILE("--files"),
    ARCHIVE("--archives");

    private final String flag;

    Kind(String flag) {
      this.flag = flag;
    }

    String flag() {
      return flag;
    }
  }

  /**
   * One resource.
   *
   * @param kind JAR and FILE are linked as files (jars land on the classpath through {@code
   *     $PWD/*}), ARCHIVE is unpacked
   * @param spec the text given on the command line, for messages
   * @param local the local file to upload, if the text had no scheme or {@code file:}
   * @param remote the URI to localize in place otherwise
   * @param linkName the name in the containers' working directory
   */
  record Resource(
      Kind kind, String spec, Optional<Path> local, Optional<URI> remote, String linkName) {
    Resource {
      requireNonNull(kind, "kind is null");
      requireNonNull(spec, "spec is null");
      requireNonNull(linkName, "linkName is null");
      if (local.isPresent() == remote.isPresent()) {
        throw new IllegalArgumentException("exactly one of local and remote");
      }
    }
  }

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private final List<Resource> resources;

  private UserResources(List<Resource> resources) {
    this.resources = List.copyOf(resources);
  }

  static UserResources none() {
    return new UserResources(List.of());
  }

  List<Resource> all() {
    return resources;
  }

  /**
   * Parses and checks the flags' values: every local file must exist, and link names must be unique
   * and not clash with Ember's own files or {@code reservedNames} (Ember's runtime jars).
   *
   * @param jars values of {@code --jars} (each may hold a comma-separated list)
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} naming the flag and path
   */
  static UserResources parse(
      List<String> jars, List<String> files, List<String> archives, List<String> reservedNames)
      throws SubmitException {
    List<Resource> parsed = new ArrayList<>();
    addAll(Kind.JAR, jars, parsed);
    addAll(Kind.FILE, files, parsed);
    addAll(Kind.ARCHIVE, archives, parsed);
    Map<String, String> owners = new HashMap<>();
    for (String name :
        List.of(
            StagingLayout.APP_JAR,
            StagingLayout.APP_FILE,
            StagingLayout.CONF_FILE,
            StagingLayout.RESOURCES_FILE,
            StagingLayout.ARCHIVES_DIR)) {
      owners.put(name, "Ember's own staged files");
    }
    for (String name : reservedNames) {
      owners.put(name, "Ember's runtime jars");
    }
    for (Resource r : parsed) {
      String previous = owners.putIfAbsent(r.linkName(), r.kind().flag() + " " + r.spec());
      if (previous != null) {
        throw usage(
            r.kind().flag()
                + " "
                + r.spec()
                + ": the name "
                + r.linkName()
                + " is already taken by "
                + previous
                + "; give it another name with #name");
      }
    }
    return new UserResources(parsed);
  }

  private static void addAll(Kind kind, List<String> values, List<Resource> into)
      throws SubmitException {
    for (String value : values) {
      for (String item : value.split(",")) {
        String spec = item.strip();
        if (!spec.isEmpty()) {
          into.add(parseOne(kind, spec));
        }
      }
    }
  }

  static Resource parseOne(Kind kind, String spec) throws SubmitException {
    int hash = spec.lastIndexOf('#');
    String location = hash < 0 ? spec : spec.substring(0, hash);
    Optional<String> alias = hash < 0 ? Optional.empty() : Optional.of(spec.substring(hash + 1));
    if (location.isEmpty() || (alias.isPresent() && !isPlainName(alias.get()))) {
      throw usage(
          kind.flag()
              + " "
              + spec
              + ": expected a path or URI with an optional #name (a plain file name), e.g."
              + " data/lookup.csv#lookup.csv");
    }
    if (SCHEME.matcher(location).matches() && !location.startsWith("file:")) {
      URI uri;
      try {
        uri = new URI(location);
      } catch (URISyntaxException e) {
        throw usage(kind.flag() + " " + spec + ": not a valid URI: " + e.getMessage());
      }
      String name = alias.orElseGet(() -> fileName(uri.getPath()));
      if (name.isEmpty()) {
        throw usage(kind.flag() + " " + spec + ": the URI names no file");
      }
      return new Resource(kind, spec, Optional.empty(), Optional.of(uri), name);
    }
    Path path;
    try {
      path = location.startsWith("file:") ? Path.of(new URI(location)) : Path.of(location);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw usage(kind.flag() + " " + spec + ": not a valid file URI: " + e.getMessage());
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw usage(kind.flag() + " " + path + ": does not exist, is not a file or is not readable");
    }
    String name = alias.orElse(path.getFileName().toString());
    return new Resource(kind, spec, Optional.of(path), Optional.empty(), name);
  }

  private static boolean isPlainName(String name) {
    return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
  }

  private static String fileName(String path) {
    if (path == null) {
      return "";
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static SubmitException usage(String message) {
    return new SubmitException(ExitCodes.USAGE_ERROR, message);
  }
}
