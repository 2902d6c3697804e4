package dev.ember.yarn.client;

import dev.ember.conf.LoadedConf;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code --verbose}: prints the parsed arguments and the effective {@code ember.*} configuration
 * with where each value came from, as spark-submit's {@code --verbose} does. Values of keys that
 * look like secrets (Spark's {@code spark.redaction.regex}: secret, password, token, access key,
 * credential) are replaced by {@value #REDACTED}. Stateless.
 */
final class VerboseReport {
  static final String REDACTED = "*********(redacted)";

  private static final Pattern SECRET =
      Pattern.compile("(?i).*(secret|password|token|access[.]?key|credential).*");

  private VerboseReport() {}

  /**
   * @param arguments the flags as parsed, one {@code "--flag value"} line each, secrets already
   *     redacted ({@link #redact})
   */
  static void print(PrintStream out, List<String> arguments, LoadedConf loaded) {
    out.println("Parsed arguments:");
    arguments.forEach(line -> out.println("  " + line));
    out.println("Effective configuration (ember.* options set; the rest take their defaults):");
    for (Map.Entry<String, String> e : new TreeMap<>(loaded.conf().asMap()).entrySet()) {
      out.println(
          "  "
              + e.getKey()
              + "="
              + redact(e.getKey(), e.getValue())
              + loaded.origin(e.getKey()).map(o -> "  (from " + o + ")").orElse(""));
    }
  }

  static String redact(String key, String value) {
    return SECRET.matcher(key).matches() ? REDACTED : value;
  }
}
