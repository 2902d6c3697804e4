package dev.ember.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Estimates the heap bytes retained by an object graph, the idea of Spark's {@code SizeEstimator}:
 * walk the graph once, counting each object (by identity) at its shallow size, which is computed
 * from the class's fields as the 64-bit HotSpot JVM lays them out (a 12-byte header and 4-byte
 * references with compressed class pointers and oops, 16 and 8 without; 8-byte alignment).
 *
 * <p>This is an <em>estimate</em>, good enough to decide when a collection must spill, not an exact
 * measurement. Where it deviates:
 *
 * <ul>
 *   <li>Classes of the JDK cannot be read by reflection on Java 17 without {@code --add-opens}, so
 *       they are counted by what their public API shows: a {@link String} by its length (1 byte a
 *       character unless a sample of its characters holds one above {@code 0xFF}), a {@link
 *       Collection} or {@link Map} by iterating its elements plus a fixed per-element overhead of
 *       the usual hash-table or array-list layout, an {@link Optional} by its value. Other objects
 *       whose fields cannot be made accessible are counted at their shallow size only.
 *   <li>Object arrays and collections with more than {@value #SAMPLING_THRESHOLD} elements are
 *       sampled: one element at a random position in each of {@value #SAMPLE_SIZE} equal strata is
 *       measured and the result is scaled to the whole length (as Spark samples large arrays;
 *       random rather than evenly spaced positions, so that periodic contents do not bias it).
 *       Elements shared between many slots are thus over-counted, which errs on the side of
 *       spilling early.
 *   <li>{@link Class} objects and enum constants are shared by the whole JVM and count 0.
 * </ul>
 *
 * <p>Thread-safe (estimates share only the per-class layout cache). Not fast: callers estimate at
 * exponentially spaced intervals (see {@link SizeTracker}), not after every update.
 */
public final class SizeEstimator {
  static final int SAMPLING_THRESHOLD = 400;
  static final int SAMPLE_SIZE = 100;
  private static final int STRING_CHAR_SAMPLE = 32;
  private static final int ALIGNMENT = 8;

  private static final boolean COMPRESSED_OOPS = vmFlag("UseCompressedOops", true);
  private static final boolean COMPRESSED_CLASS_POINTERS =
      vmFlag("UseCompressedClassPointers", COMPRESSED_OOPS);

  /** Bytes of one object reference. */
  static final int REFERENCE_SIZE = COMPRESSED_OOPS ? 4 : 8;

  /** Bytes of an object header (mark word plus class pointer). */
  static final int OBJECT_HEADER = COMPRESSED_CLASS_POINTERS ? 12 : 16;

  /** Bytes of an array header (object header plus the int length), rounded up as HotSpot does. */
  static final int ARRAY_HEADER = align(OBJECT_HEADER + 4);

  /**
   * Per-entry overhead of a hash-based map or set: one node (header, int hash, key, value and next
   * references) plus about two table slots (power-of-two tables at load factor 0.75).
   */
  private static final long HASH_ENTRY_OVERHEAD =
      align(OBJECT_HEADER + 4 + 3L * REFERENCE_SIZE) + 2L * REFERENCE_SIZE;

  /** Per-element overhead of a list: one array slot plus the slack of 1.5x growth. */
  private static final int LIST_ELEMENT_OVERHEAD = REFERENCE_SIZE + REFERENCE_SIZE / 2;

  private static final ClassValue<ClassLayout> LAYOUTS =
      new ClassValue<>() {
        @Override
        protected ClassLayout computeValue(Class<?> type) {
          return ClassLayout.of(type);
        }
      };

  private SizeEstimator() {}

  /**
   * Estimates the bytes retained by {@code root} and everything reachable from it.
   *
   * @param root any object, or {@code null} (0 bytes)
   * @return estimated bytes, non-negative
   */
  public static long estimate(Object root) {
    return new Walk().sizeOf(root);
  }

  /** The shallow size of one instance of {@code type} (not an array type), in bytes. */
  static long shallowSize(Class<?> type) {
    return LAYOUTS.get(type).shallowSize;
  }

  static int align(long bytes) {
    return (int) ((bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
  }

  private static boolean vmFlag(String name, boolean fallback) {
    try {
      HotSpotDiagnosticMXBean bean =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return bean == null ? fallback : Boolean.parseBoolean(bean.getVMOption(name).getValue());
    } catch (RuntimeException e) {
      // Not HotSpot, or the flag is unknown: assume the default layout of a heap under 32 GiB.
      return fallback;
    }
  }

  private static int primitiveSize(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    } else if (type == int.class || type == float.class) {
      return 4;
    } else if (type == short.class || type == char.class) {
      return 2;
    } else {
      return 1; // byte, boolean
    }
  }

  /** Shallow size and readable reference fields of a class, computed once per class. */
  private static final class ClassLayout {
    final long shallowSize;
    final List<Field> referenceFields;

    private ClassLayout(long shallowSize, List<Field> referenceFields) {
      this.shallowSize = shallowSize;
      this.referenceFields = referenceFields;
    }

    static ClassLayout of(Class<?> type) {
      long fieldBytes = 0;
      List<Field> references = new ArrayList<>();
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers())) {
            continue;
          }
          if (field.getType().isPrimitive()) {
            fieldBytes += primitiveSize(field.getType());
          } else {
            fieldBytes += REFERENCE_SIZE;
            // trySetAccessible answers false (rather than throwing InaccessibleObjectException) for
            // fields of modules that are not open to us, e.g. java.base: those are not followed.
            if (field.trySetAccessible()) {
              references.add(field);
            }
          }
        }
      }
      return new ClassLayout(align(OBJECT_HEADER + fieldBytes), List.copyOf(references));
    }
  }

  /** One estimate: the identity set of objects already counted and a stack of objects to visit. */
  private static final class Walk {
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    // Fixed seed: the same graph gets the same estimate, which keeps spilling reproducible.
    private final SplittableRandom random = new SplittableRandom(0x5eedL);

    /** Size of what is reachable from {@code root} and not yet visited by this walk. */
    long sizeOf(Object root) {
      ArrayDeque<Object> pending = new ArrayDeque<>();
      long total = 0;
      push(pending, root);
      while (!pending.isEmpty()) {
        total += visit(pending.pop(), pending);
      }
      return total;
    }

    private void push(ArrayDeque<Object> pending, Object obj) {
      if (obj != null && !(obj instanceof Class) && !(obj instanceof Enum) && visited.add(obj)) {
        pending.push(obj);
      }
    }

    /** Counts {@code obj}'s own bytes and pushes (or measures, if sampled) what it refers to. */
    private long visit(Object obj, ArrayDeque<Object> pending) {
      Class<?> type = obj.getClass();
      if (type.isArray()) {
        return visitArray(obj, type.getComponentType(), pending);
      } else if (obj instanceof String s) {
        return shallowSize(String.class) + align(ARRAY_HEADER + (long) s.length() * charWidth(s));
      } else if (obj instanceof Map<?, ?> map) {
        return shallowSize(type)
            + visitElements(map.entrySet(), HASH_ENTRY_OVERHEAD, true, pending);
      } else if (obj instanceof Collection<?> collection) {
        long overhead = obj instanceof Set ? HASH_ENTRY_OVERHEAD : LIST_ELEMENT_OVERHEAD;
        return shallowSize(type) + visitElements(collection, overhead, false, pending);
      } else if (obj instanceof Optional<?> optional) {
        push(pending, optional.orElse(null));
        return shallowSize(type);
      }
      ClassLayout layout = LAYOUTS.get(type);
      for (Field field : layout.referenceFields) {
        try {
          push(pending, field.get(obj));
        } catch (IllegalAccessException e) {
          // Cannot happen after a successful trySetAccessible; count the object shallow.
        }
      }
      return layout.shallowSize;
    }

    private long visitArray(Object array, Class<?> componentType, ArrayDeque<Object> pending) {
      int length = Array.getLength(array);
      if (componentType.isPrimitive()) {
        return align(ARRAY_HEADER + (long) length * primitiveSize(componentType));
      }
      long own = align(ARRAY_HEADER + (long) length * REFERENCE_SIZE);
      Object[] elements = (Object[]) array;
      if (length <= SAMPLING_THRESHOLD) {
        for (Object element : elements) {
          push(pending, element);
        }
        return own;
      }
      long stratum = length / SAMPLE_SIZE;
      long sampled = 0;
      for (int i = 0; i < SAMPLE_SIZE; i++) {
        sampled += sizeOf(elements[(int) (i * stratum + random.nextLong(stratum))]);
      }
      return own + sampled * length / SAMPLE_SIZE;
    }

    /**
     * Counts the elements of a collection, or the keys and values of a map's entries (the entry
     * objects themselves are covered by {@code perElementOverhead}).
     */
    private long visitElements(
        Collection<?> elements,
        long perElementOverhead,
        boolean entries,
        ArrayDeque<Object> pending) {
      int size = elements.size();
      long overhead = size * perElementOverhead;
      if (size <= SAMPLING_THRESHOLD) {
        for (Object element : elements) {
          pushElement(element, entries, pending);
        }
        return overhead;
      }
      long stratum = size / SAMPLE_SIZE;
      if (!entries && elements instanceof List<?> list && elements instanceof RandomAccess) {
        // An ArrayList and the like: sample by index in O(SAMPLE_SIZE), as for arrays.
        long sampled = 0;
        for (int i = 0; i < SAMPLE_SIZE; i++) {
          sampled += sizeOf(list.get((int) (i * stratum + random.nextLong(stratum))));
        }
        return overhead + sampled * size / SAMPLE_SIZE;
      }
      // Other collections have no random access: walk them, measuring one element at a random
      // position in each stratum of size / SAMPLE_SIZE elements.
      long sampled = 0;
      int count = 0;
      long target = random.nextLong(stratum);
      long index = 0;
      for (Iterator<?> it = elements.iterator(); it.hasNext() && count < SAMPLE_SIZE; index++) {
        Object element = it.next();
        if (index == target) {
          sampled += entries ? sizeOfEntry((Map.Entry<?, ?>) element) : sizeOf(element);
          count++;
          target = count * stratum + random.nextLong(stratum);
        }
      }
      return overhead + (count == 0 ? 0 : sampled * size / count);
    }

    private void pushElement(Object element, boolean entries, ArrayDeque<Object> pending) {
      if (entries) {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) element;
        push(pending, entry.getKey());
        push(pending, entry.getValue());
      } else {
        push(pending, element);
      }
    }

    private long sizeOfEntry(Map.Entry<?, ?> entry) {
      return sizeOf(entry.getKey()) + sizeOf(entry.getValue());
    }
  }

  /** 2 if a sample of the string's characters needs UTF-16, else 1 (Latin-1 compact strings). */
  private static int charWidth(String s) {
    int length = s.length();
    int step = Math.max(1, length / STRING_CHAR_SAMPLE);
    for (int i = 0; i < length; i += step) {
      if (s.charAt(i) > 0xFF) {
        return 2;
      }
    }
    return 1;
  }
}
