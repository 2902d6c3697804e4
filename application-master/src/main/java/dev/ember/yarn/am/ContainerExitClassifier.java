package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;

/**
 * Says why an executor's container completed, from its exit status and the NodeManager's
 * diagnostics, and whether the loss counts toward {@code ember.yarn.maxExecutorFailures}. The
 * classes follow Spark's {@code YarnAllocator}: preemption, a kill by the ApplicationMaster or the
 * ResourceManager, the end of the application and failed disks are not the application's fault;
 * memory-limit kills and any other non-zero exit are. Stateless and pure.
 */
final class ContainerExitClassifier {
  private ContainerExitClassifier() {}

  /** Why a container completed. */
  enum Cause {
    /** Exit status 0: the executor process ended by itself. */
    SUCCESS,
    /** The scheduler took the container back for another queue or application. */
    PREEMPTED,
    /** The NodeManager killed it for using more physical memory than the container has. */
    EXCEEDED_PHYSICAL_MEMORY,
    /** The NodeManager killed it for using more virtual memory than allowed. */
    EXCEEDED_VIRTUAL_MEMORY,
    /** The NodeManager's local or log disks failed. */
    DISKS_FAILED,
    /** Aborted or killed by the ApplicationMaster, the ResourceManager or YARN's scheduler. */
    KILLED_BY_YARN,
    /** The process exited with another non-zero status: a failure of the executor itself. */
    FAILED
  }

  /**
   * A classified container completion.
   *
   * @param containerId the completed container
   * @param exitStatus its exit status (a {@link ContainerExitStatus} constant or the process's)
   * @param cause the class of the exit
   * @param countsAsFailure whether it counts toward {@code ember.yarn.maxExecutorFailures}
   * @param message one paragraph for users: what happened, what to do, where the log is
   */
  record ContainerExit(
      ContainerId containerId,
      int exitStatus,
      Cause cause,
      boolean countsAsFailure,
      String message) {
    ContainerExit {
      requireNonNull(containerId, "containerId is null");
      requireNonNull(cause, "cause is null");
      requireNonNull(message, "message is null");
    }
  }

  // The NodeManager's wording, e.g. "... running beyond physical memory limits. Current usage:
  // 1.6 GB of 1.5 GB physical memory used; 3.2 GB of 3.1 GB virtual memory used. Killing
  // container."
  private static final Pattern PHYSICAL =
      Pattern.compile("([\\d.]+ ?[KMGTP]?B) of ([\\d.]+ ?[KMGTP]?B) physical memory used");
  private static final Pattern VIRTUAL =
      Pattern.compile("([\\d.]+ ?[KMGTP]?B) of ([\\d.]+ ?[KMGTP]?B) virtual memory used");

  /**
   * Classifies the completion of the container that ran executor {@code executorId} on {@code
   * host}.
   *
   * @param host the NodeManager's host, named in messages so that users find the log
   */
  static ContainerExit classify(ContainerStatus status, String executorId, String host) {
    ContainerId id = status.getContainerId();
    int exit = status.getExitStatus();
    String diagnostics = status.getDiagnostics() == null ? "" : status.getDiagnostics().trim();
    String subject = "Executor " + executorId + " (container " + id + " on " + host + ")";
    switch (exit) {
      case ContainerExitStatus.SUCCESS:
        return new ContainerExit(
            id,
            exit,
            Cause.SUCCESS,
            false,
            subject
                + " exited with status 0 before the driver asked it to stop"
                + logHint(id, host));
      case ContainerExitStatus.PREEMPTED:
        return new ContainerExit(
            id,
            exit,
            Cause.PREEMPTED,
            false,
            subject
                + " was preempted by the YARN scheduler (its resources went to another queue or"
                + " application); this does not count as an executor failure");
      case ContainerExitStatus.KILLED_EXCEEDED_PMEM:
        return memoryKill(id, exit, subject, host, diagnostics, PHYSICAL, "physical");
      case ContainerExitStatus.KILLED_EXCEEDED_VMEM:
        return memoryKill(id, exit, subject, host, diagnostics, VIRTUAL, "virtual");
      case ContainerExitStatus.DISKS_FAILED:
        return new ContainerExit(
            id,
            exit,
            Cause.DISKS_FAILED,
            false,
            subject
                + " was lost because the NodeManager's disks failed; this does not count as an"
                + " executor failure"
                + withDiagnostics(diagnostics));
      case ContainerExitStatus.ABORTED:
      case ContainerExitStatus.KILLED_BY_APPMASTER:
      case ContainerExitStatus.KILLED_BY_RESOURCEMANAGER:
      case ContainerExitStatus.KILLED_AFTER_APP_COMPLETION:
      case ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER:
        return new ContainerExit(
            id,
            exit,
            Cause.KILLED_BY_YARN,
            false,
            subject
                + " was "
                + killedBy(exit)
                + " (exit status "
                + exit
                + "); this is not the application's fault and does not count as an executor"
                + " failure"
                + withDiagnostics(diagnostics));
      default:
        return new ContainerExit(
            id,
            exit,
            Cause.FAILED,
            true,
            subject
                + " failed with exit status "
                + exit
                + signal(exit)
                + logHint(id, host)
                + withDiagnostics(diagnostics));
    }
  }

  private static ContainerExit memoryKill(
      ContainerId id,
      int exit,
      String subject,
      String host,
      String diagnostics,
      Pattern usage,
      String kind) {
    Matcher m = usage.matcher(diagnostics);
    String numbers = m.find() ? " (" + m.group(1) + " of " + m.group(2) + " used)" : "";
    String advice =
        kind.equals("physical")
            ? "raise "
                + YarnOptions.EXECUTOR_MEMORY_OVERHEAD.key()
                + " (memory outside the heap: thread stacks, direct buffers, native libraries) or,"
                + " if the heap itself is what grows, "
                + YarnOptions.EXECUTOR_MEMORY.key()
            : "raise "
                + YarnOptions.EXECUTOR_MEMORY_OVERHEAD.key()
                + " or ask the cluster's administrator to raise yarn.nodemanager.vmem-pmem-ratio"
                + " or disable yarn.nodemanager.vmem-check-enabled";
    return new ContainerExit(
        id,
        exit,
        kind.equals("physical") ? Cause.EXCEEDED_PHYSICAL_MEMORY : Cause.EXCEEDED_VIRTUAL_MEMORY,
        true,
        subject
            + " was killed by YARN for exceeding its "
            + kind
            + " memory limit"
            + numbers
            + "; "
            + advice
            + logHint(id, host));
  }

  private static String killedBy(int exit) {
    switch (exit) {
      case ContainerExitStatus.KILLED_BY_APPMASTER:
        return "stopped by the ApplicationMaster";
      case ContainerExitStatus.KILLED_BY_RESOURCEMANAGER:
        return "killed by the ResourceManager";
      case ContainerExitStatus.KILLED_AFTER_APP_COMPLETION:
        return "killed because the application completed";
      case ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER:
        return "killed by the NodeManager's container scheduler";
      default:
        return "aborted by YARN";
    }
  }

  /** Shells report a process killed by signal n as 128 + n. */
  private static String signal(int exit) {
    if (exit == 137) {
      return " (killed by SIGKILL: by a user, or by the operating system when the host ran out of"
          + " memory)";
    }
    if (exit == 143) {
      return " (terminated by SIGTERM)";
    }
    return exit > 128 && exit < 160 ? " (killed by signal " + (exit - 128) + ")" : "";
  }

  private static String withDiagnostics(String diagnostics) {
    return diagnostics.isEmpty() ? "" : ". Diagnostics: " + diagnostics;
  }

  /** Where the container's stdout/stderr are, as a command a user can run. */
  static String logHint(ContainerId id, String host) {
    return ". See the executor's log (on NodeManager "
        + host
        + "): yarn logs -applicationId "
        + id.getApplicationAttemptId().getApplicationId()
        + " -containerId "
        + id;
  }
}
