package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.yarn.am.ContainerPlacementStrategy.Ask;
import dev.ember.yarn.am.ContainerPlacementStrategy.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;

/**
 * The executor container requests this ApplicationMaster has made and that YARN has not satisfied
 * yet, each with the locality it asked for, in the order they were made. Keeps the AMRM client's
 * request table equal to this list: every request added here is added to the client, every one
 * matched or cancelled is removed from it.
 *
 * <p>Requests name one host, one rack or nothing, always with {@code relaxLocality=true}, so YARN
 * may satisfy a host request on the host's rack or anywhere after its locality delay (Spark's
 * {@code YarnAllocator} asks the same way). An allocated container is matched to the request it
 * most likely satisfies ({@link #match}): one for its host, else one for its rack, else one without
 * locality, else the oldest.
 *
 * <p>Not thread-safe: the {@link ExecutorAllocator} calls it under its lock.
 */
final class OutstandingRequests {
  private record Outstanding(ContainerRequest request, Ask ask) {}

  private final AMRMClientAsync<ContainerRequest> rmClient;
  private final Resource resource;
  private final Priority priority;
  private final List<Outstanding> requests = new ArrayList<>();

  OutstandingRequests(
      AMRMClientAsync<ContainerRequest> rmClient, Resource resource, Priority priority) {
    this.rmClient = requireNonNull(rmClient, "rmClient is null");
    this.resource = requireNonNull(resource, "resource is null");
    this.priority = requireNonNull(priority, "priority is null");
  }

  /** The number of outstanding requests. */
  int size() {
    return requests.size();
  }

  /** Outstanding requests per host, for those that name one (sorted by host). */
  Map<String, Integer> byHost() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Outstanding o : requests) {
      if (o.ask().level() == Level.HOST) {
        counts.merge(o.ask().name(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Requests one container with {@code ask}'s locality. */
  void add(Ask ask) {
    ContainerRequest request = toRequest(ask);
    rmClient.addContainerRequest(request);
    requests.add(new Outstanding(request, ask));
  }

  /**
   * Moves the outstanding requests to {@code plan} ({@link ContainerPlacementStrategy#diff}): keeps
   * the requests it still wants, which keep their place in YARN's queue, cancels the others and
   * adds the missing ones.
   *
   * @return what changed
   */
  ContainerPlacementStrategy.Diff<Ask> sync(
      ContainerPlacementStrategy strategy, ContainerPlacementStrategy.Plan plan) {
    ContainerPlacementStrategy.Diff<Outstanding> diff =
        strategy.diff(plan, List.copyOf(requests), Outstanding::ask);
    for (Outstanding stale : diff.cancel()) {
      rmClient.removeContainerRequest(stale.request());
      requests.remove(stale);
    }
    for (Ask ask : diff.add()) {
      add(ask);
    }
    return new ContainerPlacementStrategy.Diff<>(
        diff.keep().stream().map(Outstanding::ask).toList(),
        diff.cancel().stream().map(Outstanding::ask).toList(),
        diff.add());
  }

  /**
   * Takes the request a container allocated on {@code host} satisfies: one for that host, else one
   * for {@code rack}, else one without locality, else the oldest; removes it from the AMRM client.
   *
   * @return the matched request's ask; empty if nothing is outstanding (the container is surplus)
   */
  Optional<Ask> match(String host, Optional<String> rack) {
    Optional<Outstanding> found = find(Ask.host(host));
    if (found.isEmpty() && rack.isPresent()) {
      found = find(Ask.rack(rack.get()));
    }
    if (found.isEmpty()) {
      found = find(Ask.anywhere());
    }
    if (found.isEmpty() && !requests.isEmpty()) {
      found = Optional.of(requests.get(0));
    }
    found.ifPresent(
        o -> {
          rmClient.removeContainerRequest(o.request());
          requests.remove(o);
        });
    return found.map(Outstanding::ask);
  }

  private Optional<Outstanding> find(Ask ask) {
    return requests.stream().filter(o -> o.ask().equals(ask)).findFirst();
  }

  private ContainerRequest toRequest(Ask ask) {
    String[] nodes = ask.level() == Level.HOST ? new String[] {ask.name()} : null;
    String[] racks = ask.level() == Level.RACK ? new String[] {ask.name()} : null;
    return new ContainerRequest(resource, nodes, racks, priority, true);
  }
}
