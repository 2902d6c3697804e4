package dev.ember.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizeTrackerTest {
  @Test
  void extrapolatesCloseToAFullEstimate() {
    SizeTracker tracker = new SizeTracker();
    List<String> list = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      list.add("record-" + i);
      tracker.afterUpdate(list);
    }
    double exact = SizeEstimator.estimate(list);
    assertThat((double) tracker.estimatedSize()).isCloseTo(exact, within(exact * 0.15));
  }

  @Test
  void startsAndResetsAtZero() {
    SizeTracker tracker = new SizeTracker();
    assertThat(tracker.estimatedSize()).isZero();
    List<long[]> list = new ArrayList<>();
    list.add(new long[100]);
    tracker.afterUpdate(list);
    assertThat(tracker.estimatedSize()).isEqualTo(SizeEstimator.estimate(list));

    tracker.reset();
    assertThat(tracker.estimatedSize()).isZero();
  }
}
