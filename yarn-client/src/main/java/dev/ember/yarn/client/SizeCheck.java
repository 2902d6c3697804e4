package dev.ember.yarn.client;

import dev.ember.yarn.am.ContainerSize;
import org.apache.hadoop.yarn.api.records.Resource;

/**
 * Refuses, before submission, container requests the cluster can never satisfy (Flink's "larger
 * than Yarn's max container resource limit"), instead of quietly lowering them as Hadoop's
 * DistributedShell does.
 */
final class SizeCheck {
  private SizeCheck() {}

  /**
   * Checks one kind of container against the cluster's maximum allocation.
   *
   * @param what the flag that sets the heap, e.g. {@code --executor-memory}
   * @param size the container's heap and overhead
   * @param vcores the container's vcores
   * @param coresFlag the flag that sets the vcores
   * @throws SubmitException with {@link ExitCodes#SUBMISSION_REFUSED} naming the flag, the
   *     requested and the allowed value
   */
  static void check(String what, ContainerSize size, int vcores, String coresFlag, Resource max)
      throws SubmitException {
    if (size.totalMiB() > max.getMemorySize()) {
      throw new SubmitException(
          ExitCodes.SUBMISSION_REFUSED,
          what
              + " "
              + size.heapMiB()
              + "m needs a container of "
              + size.totalMiB()
              + " MiB (heap + overhead of "
              + size.overheadMiB()
              + " MiB), larger than the cluster's maximum allocation of "
              + max.getMemorySize()
              + " MiB (yarn.scheduler.maximum-allocation-mb); lower "
              + what
              + " to at most "
              + maxHeapMiB(max.getMemorySize())
              + "m");
    }
    if (vcores > max.getVirtualCores()) {
      throw new SubmitException(
          ExitCodes.SUBMISSION_REFUSED,
          coresFlag
              + " "
              + vcores
              + " is more than the cluster's maximum of "
              + max.getVirtualCores()
              + " vcores per container (yarn.scheduler.maximum-allocation-vcores); lower "
              + coresFlag);
    }
  }

  /** The largest heap whose container (heap + max(384, 10%)) fits {@code maxMiB}. */
  static long maxHeapMiB(long maxMiB) {
    long heap = maxMiB - ContainerSize.MIN_OVERHEAD_MIB;
    while (heap > 0 && heap + Math.max(ContainerSize.MIN_OVERHEAD_MIB, heap / 10) > maxMiB) {
      heap--;
    }
    return Math.max(0, heap);
  }
}
