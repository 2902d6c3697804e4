package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.serializer.SerializationException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A closure that cannot be serialized fails when the action starts, naming class and field. */
class ClosureSerializationTest {
  private static EmberSession ember;

  @BeforeAll
  static void start() {
    ember = EmberSession.builder().master("local[2]").build();
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  /** Not serializable on purpose. */
  static final class Multiplier {
    final int factor;

    Multiplier(int factor) {
      this.factor = factor;
    }
  }

  /** Serializable, but holding something that is not. */
  static final class Holder implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final Multiplier multiplier;

    Holder(Multiplier multiplier) {
      this.multiplier = multiplier;
    }
  }

  @Test
  void aCapturedNonSerializableObjectIsNamed() {
    Multiplier times3 = new Multiplier(3);
    LongAccumulator ran = ember.longAccumulator("ran");
    Dataset<Integer> mapped =
        ember
            .parallelize(List.of(1, 2, 3), 2)
            .map(
                x -> {
                  ran.add(1L);
                  return x * times3.factor;
                });

    assertThatThrownBy(mapped::collect)
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Task not serializable")
        .hasMessageContaining("captured argument")
        .hasMessageContaining(Multiplier.class.getName())
        .hasMessageContaining("which is not Serializable");
    assertThat(ran.value()).as("no task ran").isZero();
  }

  @Test
  void aNonSerializableFieldOfACapturedObjectIsNamed() {
    Holder holder = new Holder(new Multiplier(2));
    Dataset<Integer> mapped =
        ember.parallelize(List.of(1, 2, 3), 2).map(x -> x * holder.multiplier.factor);

    assertThatThrownBy(mapped::count)
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("field multiplier of class " + Holder.class.getName())
        .hasMessageContaining("object of class " + Multiplier.class.getName());
  }

  @Test
  void aClosureInALaterStageIsCheckedBeforeAnyTaskRuns() {
    Multiplier times2 = new Multiplier(2);
    LongAccumulator mapSide = ember.longAccumulator("mapSide");
    PairDataset<Integer, Integer> pairs =
        ember
            .parallelize(List.of(1, 2, 3), 2)
            .map(
                x -> {
                  mapSide.add(1L);
                  return x;
                })
            .mapToPair(x -> Pair.of(x % 2, x))
            .reduceByKey(Integer::sum)
            .mapValues(v -> v * times2.factor);

    assertThatThrownBy(pairs::collect).isInstanceOf(SerializationException.class);
    assertThat(mapSide.value()).as("the map stage did not run either").isZero();
  }
}
