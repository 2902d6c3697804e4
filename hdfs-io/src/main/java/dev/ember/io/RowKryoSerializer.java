package dev.ember.io;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo serializer for {@link Row}: the number of values, then each value with its class. Kryo's
 * record serializer cannot rebuild a {@code Row} by itself, because its value list is an
 * unmodifiable view that Kryo would try to fill with {@code add}. Stateless and thread-safe.
 */
final class RowKryoSerializer extends Serializer<Row> {
  RowKryoSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, Row row) {
    output.writeVarInt(row.size(), true);
    for (Object value : row.values()) {
      kryo.writeClassAndObject(output, value);
    }
  }

  @Override
  public Row read(Kryo kryo, Input input, Class<? extends Row> type) {
    int size = input.readVarInt(true);
    List<Object> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(kryo.readClassAndObject(input));
    }
    return new Row(values);
  }
}
