package dev.ember.conf;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads files in the format of Spark's {@code spark-defaults.conf}: one {@code key value}, {@code
 * key=value} or {@code key: value} a line, {@code #} or {@code !} comments, surrounding whitespace
 * trimmed, UTF-8. Unlike {@link java.util.Properties}, escapes and {@code \} line continuations are
 * not supported, and a key set twice, a key without a value and a continuation line are errors
 * naming the file and line rather than silently read some way.
 */
final class PropertiesFileParser {
  /** A value read from a file, with the line it came from (1-based). */
  record Setting(String value, int line) {}

  private PropertiesFileParser() {}

  /**
   * Reads {@code file}.
   *
   * @return the settings in file order, by key
   * @throws ConfigException if the file is missing, unreadable, not UTF-8 or has a malformed line;
   *     the message names the file (and the line)
   */
  static Map<String, Setting> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("properties file " + file + " does not exist", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException("cannot read properties file " + file + ": it is not UTF-8", e);
    } catch (IOException e) {
      throw new ConfigException("cannot read properties file " + file + ": " + e, e);
    }
    return parse(file.toString(), lines);
  }

  /** Parses {@code lines}; {@code source} names them in error messages. */
  static Map<String, Setting> parse(String source, List<String> lines) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      String where = source + ":" + lineNumber + ": ";
      if (line.endsWith("\\")) {
        throw new ConfigException(
            where
                + "a line ending in \\ (continuation) is not supported; write the whole value on"
                + " one line");
      }
      int end = 0;
      while (end < line.length() && !isSeparator(line.charAt(end))) {
        end++;
      }
      String key = line.substring(0, end);
      if (key.isEmpty()) {
        throw new ConfigException(where + "missing key; write \"key value\" or \"key=value\"");
      }
      String rest = line.substring(end).stripLeading();
      if (rest.startsWith("=") || rest.startsWith(":")) {
        rest = rest.substring(1).stripLeading();
      }
      if (rest.isEmpty()) {
        throw new ConfigException(
            where + key + " has no value; write \"key value\" or \"key=value\"");
      }
      Setting previous = settings.put(key, new Setting(rest, lineNumber));
      if (previous != null) {
        throw new ConfigException(
            where + key + " is already set on line " + previous.line() + "; keep one of them");
      }
    }
    return settings;
  }

  private static boolean isSeparator(char c) {
    return c == '=' || c == ':' || Character.isWhitespace(c);
  }
}
