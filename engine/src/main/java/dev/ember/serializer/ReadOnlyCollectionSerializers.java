package dev.ember.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kryo serializers for the JDK's read-only collection views ({@code Collections.unmodifiable*},
 * {@code singleton*}, {@code empty*}, {@code Arrays.asList}), which Kryo's reflective collection
 * serializer cannot rebuild (it refills a new instance with {@code add}, which they refuse). They
 * are written as their elements and read back as unmodifiable lists, sets and maps with the same
 * contents and iteration order; {@code Arrays.asList} comes back as {@code Arrays.asList}.
 */
final class ReadOnlyCollectionSerializers {
  private ReadOnlyCollectionSerializers() {}

  /** Registers the serializers as defaults on {@code kryo}. */
  static void register(Kryo kryo) {
    ListSerializer lists = new ListSerializer();
    for (List<Object> sample :
        List.<List<Object>>of(
            Collections.unmodifiableList(new ArrayList<>()),
            Collections.singletonList(1),
            Collections.emptyList(),
            Arrays.asList(1, 2))) {
      kryo.addDefaultSerializer(sample.getClass(), lists);
    }
    SetSerializer sets = new SetSerializer();
    for (Set<Object> sample :
        List.<Set<Object>>of(
            Collections.unmodifiableSet(new LinkedHashSet<>()),
            Collections.singleton(1),
            Collections.emptySet())) {
      kryo.addDefaultSerializer(sample.getClass(), sets);
    }
    MapSerializer maps = new MapSerializer();
    for (Map<Object, Object> sample :
        List.<Map<Object, Object>>of(
            Collections.unmodifiableMap(new LinkedHashMap<>()),
            Collections.singletonMap(1, 1),
            Collections.emptyMap())) {
      kryo.addDefaultSerializer(sample.getClass(), maps);
    }
  }

  private static void writeElements(Kryo kryo, Output output, Collection<?> elements) {
    output.writeVarInt(elements.size(), true);
    for (Object e : elements) {
      kryo.writeClassAndObject(output, e);
    }
  }

  private static final class ListSerializer extends Serializer<List<Object>> {
    private static final Class<?> ARRAYS_AS_LIST = Arrays.asList(1, 2).getClass();

    @Override
    public void write(Kryo kryo, Output output, List<Object> list) {
      writeElements(kryo, output, list);
    }

    @Override
    public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
      int size = input.readVarInt(true);
      Object[] elements = new Object[size];
      for (int i = 0; i < size; i++) {
        elements[i] = kryo.readClassAndObject(input);
      }
      if (type == ARRAYS_AS_LIST) {
        return Arrays.asList(elements);
      }
      return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(elements)));
    }
  }

  private static final class SetSerializer extends Serializer<Set<Object>> {
    @Override
    public void write(Kryo kryo, Output output, Set<Object> set) {
      writeElements(kryo, output, set);
    }

    @Override
    public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
      int size = input.readVarInt(true);
      Set<Object> set = new LinkedHashSet<>();
      for (int i = 0; i < size; i++) {
        set.add(kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableSet(set);
    }
  }

  private static final class MapSerializer extends Serializer<Map<Object, Object>> {
    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
      output.writeVarInt(map.size(), true);
      for (Map.Entry<Object, Object> e : map.entrySet()) {
        kryo.writeClassAndObject(output, e.getKey());
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    @Override
    public Map<Object, Object> read(
        Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
      int size = input.readVarInt(true);
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        Object key = kryo.readClassAndObject(input);
        map.put(key, kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableMap(map);
    }
  }
}
