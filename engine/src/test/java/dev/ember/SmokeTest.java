package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void wordCountRunsInLocalMode() {
    try (EmberSession ember = EmberSession.builder().master("local[2]").build()) {
      Map<String, Long> counts =
          ember
              .parallelize(List.of("a b", "b c", "c c"), 3)
              .flatMap(l -> List.of(l.split(" ")).iterator())
              .mapToPair(w -> Pair.of(w, 1L))
              .reduceByKey(Long::sum)
              .collectAsMap();
      assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1L, "b", 2L, "c", 3L));
    }
  }
}
