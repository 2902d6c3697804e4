package dev.ember.serializer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KryoRecordSerializerTest {
  private final RecordSerializer serializer = new KryoRecordSerializer();

  private Object roundTrip(Object value) {
    return serializer.fromBytes(serializer.toBytes(value));
  }

  /** A user record type without a no-arg constructor. */
  record Trade(String symbol, long quantity, BigDecimal price, LocalDate day) {}

  @Test
  void commonRecordTypesRoundTrip() {
    List<Object> values =
        Arrays.asList(
            null,
            "text",
            42,
            7L,
            1.5,
            Pair.of("k", List.of(1, 2)),
            Optional.of("x"),
            Optional.empty(),
            new Trade("ACME", 10, new BigDecimal("12.34"), LocalDate.of(2026, 11, 22)),
            new ArrayList<>(List.of(1, 2, 3)),
            Map.of("a", 1),
            new int[] {1, 2, 3});
    for (Object v : values) {
      Object back = roundTrip(v);
      if (v instanceof int[] ints) {
        assertThat((int[]) back).containsExactly(ints);
      } else {
        assertThat(back).as("round trip of %s", v).isEqualTo(v);
      }
    }
  }

  @Test
  void readOnlyCollectionViewsRoundTripWithTheirContentsAndOrder() {
    List<Integer> unmodifiable = Collections.unmodifiableList(new ArrayList<>(List.of(3, 1, 2)));
    Set<String> set = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("b", "a")));
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("z", 1);
    map.put("y", null);

    assertThat(roundTrip(unmodifiable)).isEqualTo(List.of(3, 1, 2));
    assertThat(roundTrip(Arrays.asList("x", null))).isEqualTo(Arrays.asList("x", null));
    assertThat(roundTrip(Collections.singletonList("one"))).isEqualTo(List.of("one"));
    assertThat(roundTrip(Collections.emptyList())).isEqualTo(List.of());
    assertThat(new ArrayList<>((Set<?>) roundTrip(set))).isEqualTo(List.of("b", "a"));
    Map<?, ?> mapBack = (Map<?, ?>) roundTrip(Collections.unmodifiableMap(map));
    assertThat(new ArrayList<>(mapBack.entrySet())).isEqualTo(new ArrayList<>(map.entrySet()));
    assertThat(roundTrip(Collections.singletonMap("k", "v"))).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void aStreamOfRecordsReadsBackInOrderAndStopsAtTheEnd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (RecordOutput out = serializer.openOutput(bytes)) {
      for (int i = 0; i < 1000; i++) {
        out.write(Pair.of("key-" + i, i));
      }
    }
    List<Object> read = new ArrayList<>();
    try (RecordInput in = serializer.openInput(new ByteArrayInputStream(bytes.toByteArray()))) {
      in.forEachRemaining(read::add);
    }
    assertThat(read)
        .hasSize(1000)
        .startsWith(Pair.of("key-0", 0))
        .endsWith(Pair.of("key-999", 999));
  }
}
