package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.yarn.am.ContainerPlacementStrategy.Ask;
import dev.ember.yarn.am.ContainerPlacementStrategy.Demand;
import dev.ember.yarn.am.ContainerPlacementStrategy.Diff;
import dev.ember.yarn.am.ContainerPlacementStrategy.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Container placement from the driver's locality demand, on Spark's worked example: 20 pending
 * tasks prefer h1, h2, h3 and 10 prefer h1, h2, h4, so the tasks per host are h1 30, h2 30, h3 20,
 * h4 10 (90 in all), 30 tasks are locality-aware, and with 2 task slots per executor they need
 * ceil(30 / 2) = 15 executors.
 */
class ContainerPlacementStrategyTest {
  private static final Map<String, Integer> EXAMPLE_TASKS =
      Map.of("h1", 30, "h2", 30, "h3", 20, "h4", 10);

  private final ContainerPlacementStrategy strategy = new ContainerPlacementStrategy();

  private static Demand example(
      int wanted,
      Map<String, Integer> running,
      Map<String, String> racks,
      Map<String, Integer> capacity) {
    return new Demand(wanted, 2, 30, EXAMPLE_TASKS, running, racks, capacity);
  }

  @Test
  void hostSharesAreProportionalToThePendingTasksThere() {
    Plan plan = strategy.plan(example(18, Map.of(), Map.of(), Map.of()));

    // h1: ceil(30 * 15 / 90) = 5, h2: 5, h3: ceil(20 * 15 / 90 = 3.33) = 4,
    // h4: ceil(10 * 15 / 90 = 1.67) = 2; 16 with locality, 18 - 16 = 2 anywhere.
    assertThat(plan.byHost())
        .containsExactly(
            Map.entry("h1", 5), Map.entry("h2", 5), Map.entry("h3", 4), Map.entry("h4", 2));
    assertThat(plan.byRack()).isEmpty();
    assertThat(plan.anywhere()).isEqualTo(2);
    assertThat(plan.total()).isEqualTo(18);
  }

  @Test
  void containersAlreadyRunningOnAHostReduceItsShare() {
    Plan plan = strategy.plan(example(18, Map.of("h1", 2, "h3", 1, "h9", 4), Map.of(), Map.of()));

    // h1: ceil(5 - 2) = 3, h2: 5, h3: ceil(3.33 - 1) = 3, h4: 2; 18 - 13 = 5 anywhere.
    assertThat(plan.byHost())
        .containsExactly(
            Map.entry("h1", 3), Map.entry("h2", 5), Map.entry("h3", 3), Map.entry("h4", 2));
    assertThat(plan.anywhere()).isEqualTo(5);
  }

  @Test
  void sharesAreScaledDownWhenFewerContainersAreWanted() {
    Plan plan = strategy.plan(example(8, Map.of(), Map.of(), Map.of()));

    // 5, 5, 4, 2 scaled by 8 / 16: 2.5, 2.5, 2, 1; the one left over goes to the largest
    // remainder, h1 and h2 tie at 0.5 and h1 comes first by name.
    assertThat(plan.byHost())
        .containsExactly(
            Map.entry("h1", 3), Map.entry("h2", 2), Map.entry("h3", 2), Map.entry("h4", 1));
    assertThat(plan.anywhere()).isZero();
  }

  @Test
  void aShareAHostCannotTakeIsAskedForOnItsRack() {
    Plan plan = strategy.plan(example(18, Map.of(), Map.of("h3", "/r1"), Map.of("h3", 1, "h4", 0)));

    // h3 takes 1 of its 4, the other 3 go to its rack /r1; h4's rack is unknown, so its 2 go
    // anywhere with the 2 unplaced: 18 - (5 + 5 + 1) - 3 = 4.
    assertThat(plan.byHost())
        .containsExactly(Map.entry("h1", 5), Map.entry("h2", 5), Map.entry("h3", 1));
    assertThat(plan.byRack()).containsExactly(Map.entry("/r1", 3));
    assertThat(plan.anywhere()).isEqualTo(4);
  }

  record Request(int id, Ask ask) {}

  @Test
  void aChangeOfDemandCancelsStaleRequestsAndKeepsMatchingOnes() {
    List<Request> outstanding = new ArrayList<>();
    for (Ask ask : strategy.plan(example(18, Map.of(), Map.of(), Map.of())).asks()) {
      outstanding.add(new Request(outstanding.size(), ask));
    }
    // Now 10 tasks prefer h4 and h5: ceil(10 / 2) = 5 executors, h4: ceil(10 * 5 / 20 = 2.5) = 3,
    // h5: 3, and 18 - 6 = 12 anywhere.
    Plan next =
        strategy.plan(
            new Demand(18, 2, 10, Map.of("h4", 10, "h5", 10), Map.of(), Map.of(), Map.of()));

    Diff<Request> diff = strategy.diff(next, outstanding, Request::ask);

    assertThat(diff.keep().stream().map(Request::ask).toList())
        .containsExactlyInAnyOrder(Ask.host("h4"), Ask.host("h4"), Ask.anywhere(), Ask.anywhere());
    assertThat(diff.cancel()).hasSize(14);
    assertThat(diff.cancel().stream().map(r -> r.ask().name()).distinct())
        .containsExactlyInAnyOrder("h1", "h2", "h3");
    List<Ask> expectedAdds = new ArrayList<>();
    expectedAdds.add(Ask.host("h4"));
    expectedAdds.addAll(Collections.nCopies(3, Ask.host("h5")));
    expectedAdds.addAll(Collections.nCopies(10, Ask.anywhere()));
    assertThat(diff.add()).containsExactlyInAnyOrderElementsOf(expectedAdds);
    assertThat(diff.keep().size() + diff.add().size()).isEqualTo(next.total());
  }

  @Test
  void anUnchangedDemandChangesNothing() {
    Plan plan = strategy.plan(example(18, Map.of(), Map.of(), Map.of()));

    Diff<Ask> diff = strategy.diff(plan, plan.asks(), a -> a);

    assertThat(diff.cancel()).isEmpty();
    assertThat(diff.add()).isEmpty();
    assertThat(diff.keep()).hasSize(18);
  }

  @Test
  void noLocalityDemandAsksAnywhere() {
    Plan plan = strategy.plan(new Demand(3, 4, 0, Map.of(), Map.of(), Map.of(), Map.of()));

    assertThat(plan.byHost()).isEmpty();
    assertThat(plan.anywhere()).isEqualTo(3);
  }

  @Test
  void badCountsAreRejected() {
    assertThatThrownBy(() -> new Demand(1, 0, 0, Map.of(), Map.of(), Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tasksPerExecutor");
  }
}
