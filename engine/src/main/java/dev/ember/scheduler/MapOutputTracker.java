package dev.ember.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's registry of map outputs per shuffle (Spark's {@code MapOutputTrackerMaster}):
 * written by the DAG scheduler as map tasks finish or executors are lost, read by reduce tasks
 * (directly in local mode, through the driver endpoint remotely). Thread-safe.
 */
public final class MapOutputTracker {
  private final Map<Integer, MapStatus[]> outputs = new ConcurrentHashMap<>();

  /** Starts tracking a shuffle with {@code numMaps} map tasks (no-op if already tracked). */
  public void registerShuffle(int shuffleId, int numMaps) {
    outputs.putIfAbsent(shuffleId, new MapStatus[numMaps]);
  }

  public boolean containsShuffle(int shuffleId) {
    return outputs.containsKey(shuffleId);
  }

  /** Records a finished map task's output (replacing an older attempt's). */
  public void registerMapOutput(int shuffleId, MapStatus status) {
    MapStatus[] statuses = outputs.get(shuffleId);
    synchronized (statuses) {
      statuses[status.mapId()] = status;
    }
  }

  /** Forgets one map output, e.g. after a fetch failure on it. */
  public void unregisterMapOutput(int shuffleId, int mapId, String executorId) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses == null) {
      return;
    }
    synchronized (statuses) {
      if (statuses[mapId] != null && statuses[mapId].executorId().equals(executorId)) {
        statuses[mapId] = null;
      }
    }
  }

  /** Forgets every output of one shuffle held by {@code executorId}. */
  public void removeOutputsOnExecutor(int shuffleId, String executorId) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses == null) {
      return;
    }
    synchronized (statuses) {
      for (int i = 0; i < statuses.length; i++) {
        if (statuses[i] != null && statuses[i].executorId().equals(executorId)) {
          statuses[i] = null;
        }
      }
    }
  }

  /** Forgets every output held by a lost executor. */
  public void removeOutputsOnExecutor(String executorId) {
    for (MapStatus[] statuses : outputs.values()) {
      synchronized (statuses) {
        for (int i = 0; i < statuses.length; i++) {
          if (statuses[i] != null && statuses[i].executorId().equals(executorId)) {
            statuses[i] = null;
          }
        }
      }
    }
  }

  /** The map indices of a shuffle that have no output yet. */
  public List<Integer> missingMaps(int shuffleId) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses == null) {
      return List.of();
    }
    synchronized (statuses) {
      return java.util.stream.IntStream.range(0, statuses.length)
          .filter(i -> statuses[i] == null)
          .boxed()
          .toList();
    }
  }

  /**
   * All map outputs of a shuffle, by map index, for a reducer; empty if any is missing (the reducer
   * then reports a fetch failure).
   */
  public Optional<List<MapStatus>> statuses(int shuffleId) {
    MapStatus[] statuses = outputs.get(shuffleId);
    if (statuses == null) {
      return Optional.empty();
    }
    synchronized (statuses) {
      if (Arrays.stream(statuses).anyMatch(s -> s == null)) {
        return Optional.empty();
      }
      return Optional.of(List.of(statuses.clone()));
    }
  }

  /** Stops tracking a shuffle. */
  public void unregisterShuffle(int shuffleId) {
    outputs.remove(shuffleId);
  }
}
