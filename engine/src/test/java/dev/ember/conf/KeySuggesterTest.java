package dev.ember.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {
  private static final List<String> KEYS =
      List.of("ember.locality.wait", "ember.locality.wait.node", "ember.task.maxFailures");

  @Test
  void distanceCountsEditsAndAdjacentSwaps() {
    assertThat(KeySuggester.distance("abc", "abc")).isZero();
    assertThat(KeySuggester.distance("abc", "acb")).isEqualTo(1);
    assertThat(KeySuggester.distance("abc", "abcd")).isEqualTo(1);
    assertThat(KeySuggester.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(KeySuggester.distance("", "abc")).isEqualTo(3);
  }

  @Test
  void suggestsTheClosestKeyOnlyWhenClose() {
    assertThat(KeySuggester.suggest("ember.task.maxfailures", KEYS))
        .contains("ember.task.maxFailures");
    assertThat(KeySuggester.suggest("ember.localty.wait.nod", KEYS))
        .contains("ember.locality.wait.node");
    assertThat(KeySuggester.suggest("ember.locality.wiat", KEYS)).contains("ember.locality.wait");
    assertThat(KeySuggester.suggest("ember.shuffle.partitions", KEYS)).isEmpty();
  }
}
