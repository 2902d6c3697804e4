package dev.ember.io.write;

import java.util.BitSet;
import java.util.List;

/**
 * Hive-style partition directory names, {@code column=value}, escaped as Hive's {@code
 * FileUtils.escapePathName} and Spark's {@code ExternalCatalogUtils.escapePathName} escape them, so
 * Hive, Spark and Trino read the directories back to the same values: control characters and {@code
 * " # % ' * / : = ? \ DEL { [ ] ^} become {@code %XX} (upper-case hex); a null or empty value
 * becomes {@code __HIVE_DEFAULT_PARTITION__}. Stateless.
 */
public final class HivePartitionPaths {
  /** Hive's name for the partition of null (and empty) values. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private static final BitSet ESCAPED = new BitSet(128);

  static {
    ESCAPED.set(0x01, 0x20);
    for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) {
      ESCAPED.set(c);
    }
  }

  private HivePartitionPaths() {}

  /** {@code s} with every special character replaced by {@code %XX}. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128 && ESCAPED.get(c)) {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The directory {@code c1=v1/c2=v2} for the given column names and values.
   *
   * @param names partition column names
   * @param values their values as text, same length; null for a null value
   */
  public static String directory(List<String> names, List<String> values) {
    if (names.size() != values.size()) {
      throw new IllegalArgumentException(names.size() + " names but " + values.size() + " values");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append('/');
      }
      String value = values.get(i);
      out.append(escape(names.get(i)))
          .append('=')
          .append(value == null || value.isEmpty() ? DEFAULT_PARTITION : escape(value));
    }
    return out.toString();
  }
}
