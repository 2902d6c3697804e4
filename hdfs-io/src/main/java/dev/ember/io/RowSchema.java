package dev.ember.io;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The named, typed columns of {@link Row}s, e.g. of a CSV file read with an explicit schema or of
 * rows written partitioned by column values.
 *
 * @param fields the columns, in order; names are unique
 */
public record RowSchema(List<Field> fields) implements Serializable {
  /**
   * One column.
   *
   * @param name the column name (CSV header name)
   * @param type its type
   * @param nullable whether values may be null
   */
  public record Field(String name, FieldType type, boolean nullable) implements Serializable {
    public Field {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
    }
  }

  public RowSchema {
    fields = List.copyOf(fields);
    Set<String> names = new HashSet<>();
    for (Field f : fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("duplicate column name in schema: " + f.name());
      }
    }
  }

  /** A schema of nullable string columns with the given names. */
  public static RowSchema allStrings(List<String> names) {
    return new RowSchema(names.stream().map(n -> new Field(n, FieldType.STRING, true)).toList());
  }

  /**
   * The index of column {@code name}.
   *
   * @throws IllegalArgumentException naming the column and the known columns if it is absent
   */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "no column " + name + "; the columns are " + fields.stream().map(Field::name).toList());
  }

  public int size() {
    return fields.size();
  }
}
