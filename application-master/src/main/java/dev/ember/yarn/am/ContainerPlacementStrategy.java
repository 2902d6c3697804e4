package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Decides where the ApplicationMaster should ask YARN for executor containers, from where the
 * driver's pending tasks would like to run. Pure: no YARN calls, no state; the caller (the executor
 * allocator, once per allocation heartbeat) turns the result into {@code
 * AMRMClient.ContainerRequest}s. Thread-safe.
 *
 * <p>Baseline: Spark's {@code LocalityPreferredContainerPlacementStrategy}. The executors the
 * locality-aware tasks need are {@code ceil(localityAwareTasks / tasksPerExecutor)}; each preferred
 * host gets a share of them proportional to the number of pending tasks preferring it, {@code
 * ceil(tasksOnHost * needed / sum of tasksOnHost over hosts - containers running there)}, never
 * below 0. The rest of the containers wanted are asked for without locality.
 *
 * <p>Beyond Spark:
 *
 * <ul>
 *   <li>Every request names one host, one rack or nothing, so the plan is plain counts per host and
 *       per rack. When the host shares add up to more than the containers wanted, they are scaled
 *       down proportionally (largest remainder, ties by host name).
 *   <li>When a host cannot take its share (its {@code hostCapacity} is smaller: a data node that is
 *       not a NodeManager, a full or excluded node), the shortfall is asked for on the host's rack,
 *       so the executors still land rack-local; without a known rack it is asked for anywhere.
 *   <li>{@link #diff} compares the plan with the requests already outstanding at the
 *       ResourceManager: matching ones are kept (they keep their place in YARN's queue), stale ones
 *       are cancelled, and only the missing ones are added.
 * </ul>
 */
public final class ContainerPlacementStrategy {

  /** How close to a node a container request asks to be. */
  public enum Level {
    HOST,
    RACK,
    ANY
  }

  /**
   * One container request's locality.
   *
   * @param level whether it names a host, a rack or nothing
   * @param name the host or rack name; empty for {@link Level#ANY}
   */
  public record Ask(Level level, String name) {
    public Ask {
      requireNonNull(level, "level is null");
      requireNonNull(name, "name is null");
      if ((level == Level.ANY) != name.isEmpty()) {
        throw new IllegalArgumentException("a " + level + " ask needs a name iff not ANY: " + name);
      }
    }

    public static Ask host(String host) {
      return new Ask(Level.HOST, host);
    }

    public static Ask rack(String rack) {
      return new Ask(Level.RACK, rack);
    }

    public static Ask anywhere() {
      return new Ask(Level.ANY, "");
    }
  }

  /**
   * What the strategy needs to know.
   *
   * @param containersWanted containers that should be requested and not yet allocated (the
   *     allocator's target executor count minus those running); at least 0
   * @param tasksPerExecutor task slots per executor (executor cores / cores per task); at least 1
   * @param localityAwareTasks pending tasks with at least one preferred host
   * @param tasksByHost per host, the pending tasks preferring it
   * @param runningByHost per host, executor containers already running there
   * @param rackOfHost the rack of hosts, where known (for shortfalls turned into rack requests)
   * @param hostCapacity per host, how many more containers it can take; hosts absent are unlimited
   */
  public record Demand(
      int containersWanted,
      int tasksPerExecutor,
      int localityAwareTasks,
      Map<String, Integer> tasksByHost,
      Map<String, Integer> runningByHost,
      Map<String, String> rackOfHost,
      Map<String, Integer> hostCapacity) {
    public Demand {
      if (containersWanted < 0 || tasksPerExecutor < 1 || localityAwareTasks < 0) {
        throw new IllegalArgumentException(
            "need containersWanted >= 0, tasksPerExecutor >= 1, localityAwareTasks >= 0; got "
                + containersWanted
                + ", "
                + tasksPerExecutor
                + ", "
                + localityAwareTasks);
      }
      tasksByHost = Map.copyOf(tasksByHost);
      runningByHost = Map.copyOf(runningByHost);
      rackOfHost = Map.copyOf(rackOfHost);
      hostCapacity = Map.copyOf(hostCapacity);
    }
  }

  /**
   * Where to ask for containers.
   *
   * @param byHost requests per host (sorted by host)
   * @param byRack requests per rack, for host shares that the hosts could not take
   * @param anywhere requests without locality
   */
  public record Plan(Map<String, Integer> byHost, Map<String, Integer> byRack, int anywhere) {
    public Plan {
      byHost = Collections.unmodifiableMap(new TreeMap<>(byHost));
      byRack = Collections.unmodifiableMap(new TreeMap<>(byRack));
    }

    /** The number of containers the plan asks for. */
    public int total() {
      return byHost.values().stream().mapToInt(Integer::intValue).sum()
          + byRack.values().stream().mapToInt(Integer::intValue).sum()
          + anywhere;
    }

    /** One ask per container: hosts, then racks, then anywhere. */
    public List<Ask> asks() {
      List<Ask> asks = new ArrayList<>();
      byHost.forEach((h, n) -> asks.addAll(Collections.nCopies(n, Ask.host(h))));
      byRack.forEach((r, n) -> asks.addAll(Collections.nCopies(n, Ask.rack(r))));
      asks.addAll(Collections.nCopies(anywhere, Ask.anywhere()));
      return asks;
    }
  }

  /**
   * How to move the outstanding requests to a plan.
   *
   * @param keep outstanding requests the plan still wants
   * @param cancel outstanding requests the plan no longer wants (remove them from the AMRM client)
   * @param add asks to request in addition
   */
  public record Diff<R>(List<R> keep, List<R> cancel, List<Ask> add) {
    public Diff {
      keep = List.copyOf(keep);
      cancel = List.copyOf(cancel);
      add = List.copyOf(add);
    }
  }

  /** Where to ask for {@code demand.containersWanted()} containers. */
  public Plan plan(Demand demand) {
    Map<String, Integer> shares = hostShares(demand);
    int shareTotal = shares.values().stream().mapToInt(Integer::intValue).sum();
    if (shareTotal > demand.containersWanted()) {
      shares = scaleDown(shares, demand.containersWanted());
    }
    Map<String, Integer> byHost = new HashMap<>();
    Map<String, Integer> byRack = new HashMap<>();
    int placed = 0;
    for (Map.Entry<String, Integer> e : shares.entrySet()) {
      String host = e.getKey();
      int share = e.getValue();
      int onHost = Math.min(share, demand.hostCapacity().getOrDefault(host, Integer.MAX_VALUE));
      if (onHost > 0) {
        byHost.put(host, onHost);
        placed += onHost;
      }
      String rack = demand.rackOfHost().get(host);
      if (share > onHost && rack != null) {
        byRack.merge(rack, share - onHost, Integer::sum);
        placed += share - onHost;
      }
    }
    return new Plan(byHost, byRack, demand.containersWanted() - placed);
  }

  /** Spark's expected container count per host, minus what runs there already. */
  private static Map<String, Integer> hostShares(Demand demand) {
    long hostTasks = demand.tasksByHost().values().stream().mapToLong(Integer::longValue).sum();
    Map<String, Integer> shares = new TreeMap<>();
    if (hostTasks == 0) {
      return shares;
    }
    int needed =
        (demand.localityAwareTasks() + demand.tasksPerExecutor() - 1) / demand.tasksPerExecutor();
    demand
        .tasksByHost()
        .forEach(
            (host, tasks) -> {
              // ceil(tasks * needed / hostTasks - running), in integers to avoid rounding noise.
              long excess =
                  (long) tasks * needed
                      - (long) demand.runningByHost().getOrDefault(host, 0) * hostTasks;
              int share = excess <= 0 ? 0 : (int) ((excess + hostTasks - 1) / hostTasks);
              if (share > 0) {
                shares.put(host, share);
              }
            });
    return shares;
  }

  /** Shrinks shares to sum to {@code total}, proportionally (largest remainder, then name). */
  private static Map<String, Integer> scaleDown(Map<String, Integer> shares, int total) {
    int sum = shares.values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Integer> scaled = new TreeMap<>();
    Map<String, Double> remainders = new HashMap<>();
    int assigned = 0;
    for (Map.Entry<String, Integer> e : shares.entrySet()) {
      double exact = (double) e.getValue() * total / sum;
      int floor = (int) Math.floor(exact);
      scaled.put(e.getKey(), floor);
      remainders.put(e.getKey(), exact - floor);
      assigned += floor;
    }
    List<String> byRemainder = new ArrayList<>(shares.keySet());
    byRemainder.sort(
        Comparator.comparing((String h) -> remainders.get(h))
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    for (int i = 0; assigned < total; i++, assigned++) {
      scaled.merge(byRemainder.get(i), 1, Integer::sum);
    }
    scaled.values().removeIf(n -> n == 0);
    return scaled;
  }

  /**
   * Matches outstanding requests against a plan: each outstanding request whose ask the plan still
   * has room for is kept (first come first kept), the others are cancelled, and the plan's asks not
   * covered are added.
   *
   * @param outstanding the requests pending at the ResourceManager, in the order they were made
   * @param askOf the locality a request asked for
   */
  public <R> Diff<R> diff(Plan plan, List<R> outstanding, Function<R, Ask> askOf) {
    Map<Ask, Integer> wanted = new LinkedHashMap<>();
    for (Ask ask : plan.asks()) {
      wanted.merge(ask, 1, Integer::sum);
    }
    List<R> keep = new ArrayList<>();
    List<R> cancel = new ArrayList<>();
    for (R request : outstanding) {
      Ask ask = askOf.apply(request);
      int left = wanted.getOrDefault(ask, 0);
      if (left > 0) {
        wanted.put(ask, left - 1);
        keep.add(request);
      } else {
        cancel.add(request);
      }
    }
    List<Ask> add = new ArrayList<>();
    wanted.forEach((ask, n) -> add.addAll(Collections.nCopies(n, ask)));
    return new Diff<>(keep, cancel, add);
  }
}
