package dev.ember.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One record of tabular data (a CSV line): values by column position, any of which may be {@code
 * null}. Immutable. Values have the Java types of their {@link FieldType} when the row follows a
 * {@link RowSchema}.
 *
 * @param values the column values in schema order
 */
public record Row(List<Object> values) implements Serializable {
  public Row {
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** A row of the given values. */
  public static Row of(Object... values) {
    List<Object> list = new ArrayList<>(values.length);
    Collections.addAll(list, values);
    return new Row(list);
  }

  /** The value at {@code index} (may be null). */
  public Object get(int index) {
    return values.get(index);
  }

  public int size() {
    return values.size();
  }
}
