package dev.ember.memory;

import static dev.ember.memory.SizeEstimator.ARRAY_HEADER;
import static dev.ember.memory.SizeEstimator.REFERENCE_SIZE;
import static dev.ember.memory.SizeEstimator.align;
import static dev.ember.memory.SizeEstimator.estimate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SizeEstimatorTest {
  private record Holder(String name, long[] data) {}

  private static final class Node {
    Node next;
    final int value;

    Node(int value) {
      this.value = value;
    }
  }

  @Test
  void countsHeadersFieldsAndAlignment() {
    assertThat(estimate(null)).isZero();
    assertThat(estimate(new Object())).isEqualTo(16);
    assertThat(estimate(42_000)).isEqualTo(16); // header + int
    assertThat(estimate(42_000L)).isEqualTo(24); // header + long, aligned
  }

  @Test
  void primitiveArraysAreHeaderPlusElements() {
    assertThat(estimate(new long[1000])).isEqualTo(ARRAY_HEADER + 8000);
    assertThat(estimate(new byte[3])).isEqualTo(align(ARRAY_HEADER + 3));
    assertThat(estimate(new int[0])).isEqualTo(ARRAY_HEADER);
  }

  @Test
  void stringsGrowWithLengthAndWidenForNonLatin1Characters() {
    String latin1 = "é".repeat(1000);
    String utf16 = "\u4e2d".repeat(1000);
    assertThat(estimate("a")).isLessThan(estimate("abcdefghijklmnopqrstuvwxyz"));
    assertThat(estimate(utf16) - estimate(latin1)).isEqualTo(1000);
  }

  @Test
  void largeArraysAreSampledCloseToTheirFullSize() {
    Object[] strings = new Object[10_000];
    long exact = align(ARRAY_HEADER + (long) strings.length * REFERENCE_SIZE);
    for (int i = 0; i < strings.length; i++) {
      strings[i] = "value-" + "x".repeat(i % 50);
      exact += estimate(strings[i]);
    }
    assertThat((double) estimate(strings)).isCloseTo(exact, within(exact * 0.1));
  }

  @Test
  void largeRandomAccessListsAreSampledLikeWalkedLists() {
    List<Object> arrayList = new ArrayList<>();
    List<Object> linkedList = new java.util.LinkedList<>();
    for (int i = 0; i < 10_000; i++) {
      String value = "value-" + "x".repeat(i % 50);
      arrayList.add(value);
      linkedList.add(value);
    }
    // The ArrayList is sampled by index, the LinkedList walked: the same content, close estimates
    // (each list is measured by its own walk, so the shared strings count in both).
    double walked = estimate(linkedList);
    assertThat((double) estimate(arrayList)).isCloseTo(walked, within(walked * 0.1));
  }

  @Test
  void sharedObjectsAreCountedOnce() {
    long[] big = new long[10_000];
    List<Object> shared = new ArrayList<>();
    List<Object> distinct = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      shared.add(big);
      distinct.add(new long[10_000]);
    }
    assertThat(estimate(shared)).isLessThan(2 * estimate(big));
    assertThat(estimate(distinct)).isGreaterThan(10 * estimate(big));
  }

  @Test
  void collectionsAndMapsScaleWithTheirContent() {
    Map<String, Long> small = new HashMap<>();
    Map<String, Long> large = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      large.put("key-" + i, (long) i);
      if (i < 1_000) {
        small.put("key-" + i, (long) i);
      }
    }
    double ratio = (double) estimate(large) / estimate(small);
    assertThat(ratio).isBetween(8.0, 12.0);
    // Each entry holds at least a node, a String with its bytes and a Long.
    assertThat(estimate(large)).isGreaterThan(10_000L * (32 + 24 + 24 + 24));
  }

  @Test
  void recordsUserClassesAndOptionalsAreTraversed() {
    long[] data = new long[1000];
    assertThat(estimate(new Holder("h", data))).isGreaterThan(estimate(data));
    assertThat(estimate(Optional.of(data))).isGreaterThan(estimate(data));
  }

  @Test
  void inaccessibleJdkInternalsCountShallow() {
    // AtomicReference's field cannot be opened on Java 17: the referent is not followed.
    assertThat(estimate(new AtomicReference<>(new long[1000]))).isEqualTo(16);
  }

  @Test
  void cyclesAndLongChainsTerminate() {
    Node loop = new Node(1);
    loop.next = loop;
    assertThat(estimate(loop)).isEqualTo(estimate(new Node(2)));

    List<Object> selfContaining = new ArrayList<>();
    selfContaining.add(selfContaining);
    assertThat(estimate(selfContaining)).isPositive();

    Node head = new Node(0);
    Node tail = head;
    for (int i = 1; i < 200_000; i++) {
      tail.next = new Node(i);
      tail = tail.next;
    }
    assertThat(estimate(head)).isEqualTo(200_000L * estimate(new Node(-1)));
  }
}
