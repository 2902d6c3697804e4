package dev.ember.serializer;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds why an object graph cannot be Java-serialized: a depth-first walk over serializable fields
 * (and the captured arguments of serializable lambdas, read through their {@code writeReplace}) to
 * the first object whose class is not {@link Serializable}. Used only to build an error message
 * after serialization failed. Plays the role of Spark's {@code SerializationDebugger}.
 */
final class SerializationPathFinder {
  private SerializationPathFinder() {}

  /** The path to the first non-serializable object, or empty if none is found. */
  static Optional<String> find(Object root) {
    Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    return walk(root, new ArrayDeque<>(), visited);
  }

  private static Optional<String> walk(Object o, ArrayDeque<String> path, Set<Object> visited) {
    if (o == null || !visited.add(o)) {
      return Optional.empty();
    }
    Class<?> c = o.getClass();
    if (!(o instanceof Serializable)) {
      path.addLast("object of class " + c.getName() + ", which is not Serializable");
      return Optional.of(String.join(" -> ", path));
    }
    if (c.isArray() && !c.getComponentType().isPrimitive()) {
      Object[] array = (Object[]) o;
      for (int i = 0; i < array.length; i++) {
        Optional<String> found = descend(array[i], "element " + i + " of an array", path, visited);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    Optional<SerializedLambda> lambda = serializedLambda(o);
    if (lambda.isPresent()) {
      SerializedLambda l = lambda.get();
      String where = l.getImplClass().replace('/', '.') + "." + l.getImplMethodName();
      for (int i = 0; i < l.getCapturedArgCount(); i++) {
        Object arg = l.getCapturedArg(i);
        String step =
            "captured argument "
                + i
                + (arg == null ? "" : " (class " + arg.getClass().getName() + ")")
                + " of lambda "
                + where;
        Optional<String> found = descend(arg, step, path, visited);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (o instanceof Collection<?> collection && c.getName().startsWith("java.")) {
      int i = 0;
      for (Object element : collection) {
        Optional<String> found =
            descend(element, "element " + i++ + " of " + c.getName(), path, visited);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (o instanceof Map<?, ?> map && c.getName().startsWith("java.")) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Optional<String> found = descend(e.getKey(), "a key of " + c.getName(), path, visited);
        if (found.isEmpty()) {
          found = descend(e.getValue(), "value of key " + e.getKey(), path, visited);
        }
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        int mod = f.getModifiers();
        if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()) {
          continue;
        }
        Object value;
        try {
          f.setAccessible(true);
          value = f.get(o);
        } catch (RuntimeException | IllegalAccessException e) {
          continue; // JDK internals we cannot open: they are serializable in practice.
        }
        String step = "field " + f.getName() + " of class " + k.getName();
        Optional<String> found = descend(value, step, path, visited);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> descend(
      Object value, String step, ArrayDeque<String> path, Set<Object> visited) {
    path.addLast(step);
    Optional<String> found = walk(value, path, visited);
    if (found.isEmpty()) {
      path.removeLast();
    }
    return found;
  }

  private static Optional<SerializedLambda> serializedLambda(Object o) {
    Class<?> c = o.getClass();
    if (!c.isSynthetic() || !c.getName().contains("$$Lambda")) {
      return Optional.empty();
    }
    try {
      Method writeReplace = c.getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      Object replaced = writeReplace.invoke(o);
      return replaced instanceof SerializedLambda l ? Optional.of(l) : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
