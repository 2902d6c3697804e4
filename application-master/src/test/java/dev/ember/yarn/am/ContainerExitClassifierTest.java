package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.yarn.am.ContainerExitClassifier.Cause;
import dev.ember.yarn.am.ContainerExitClassifier.ContainerExit;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.junit.jupiter.api.Test;

class ContainerExitClassifierTest {
  private static final ContainerId ID =
      ContainerId.newContainerId(
          ApplicationAttemptId.newInstance(ApplicationId.newInstance(1700000000000L, 7), 1), 3);
  private static final String LOG_COMMAND =
      "yarn logs -applicationId application_1700000000000_0007 -containerId "
          + "container_1700000000000_0007_01_000003";

  @Test
  void exitZeroIsNotAFailure() {
    ContainerExit exit = classify(ContainerExitStatus.SUCCESS, "");
    assertThat(exit.cause()).isEqualTo(Cause.SUCCESS);
    assertThat(exit.countsAsFailure()).isFalse();
    assertThat(exit.message()).contains("Executor 5", "exited with status 0", LOG_COMMAND);
  }

  @Test
  void preemptionIsNotAFailure() {
    ContainerExit exit =
        classify(ContainerExitStatus.PREEMPTED, "Container preempted by scheduler");
    assertThat(exit.cause()).isEqualTo(Cause.PREEMPTED);
    assertThat(exit.countsAsFailure()).isFalse();
    assertThat(exit.message())
        .contains("container_1700000000000_0007_01_000003 on nm1", "preempted")
        .contains("does not count as an executor failure");
  }

  @Test
  void physicalMemoryKillQuotesTheNumbersAndNamesTheOverheadOption() {
    ContainerExit exit =
        classify(
            ContainerExitStatus.KILLED_EXCEEDED_PMEM,
            "Container [pid=4733,containerID=container_1700000000000_0007_01_000003] is running"
                + " 524288B beyond the 'PHYSICAL' memory limit. Current usage: 1.9 GB of 1.4 GB"
                + " physical memory used; 3.1 GB of 2.9 GB virtual memory used. Killing"
                + " container.");
    assertThat(exit.cause()).isEqualTo(Cause.EXCEEDED_PHYSICAL_MEMORY);
    assertThat(exit.countsAsFailure()).isTrue();
    assertThat(exit.message())
        .contains("exceeding its physical memory limit (1.9 GB of 1.4 GB used)")
        .contains("raise ember.yarn.executor.memoryOverhead", "ember.executor.memory")
        .contains(LOG_COMMAND);
  }

  @Test
  void virtualMemoryKillQuotesTheNumbersAndNamesTheOverheadOption() {
    ContainerExit exit =
        classify(
            ContainerExitStatus.KILLED_EXCEEDED_VMEM,
            "Current usage: 600 MB of 1.4 GB physical memory used; 3.1 GB of 2.9 GB virtual"
                + " memory used. Killing container.");
    assertThat(exit.cause()).isEqualTo(Cause.EXCEEDED_VIRTUAL_MEMORY);
    assertThat(exit.countsAsFailure()).isTrue();
    assertThat(exit.message())
        .contains("virtual memory limit (3.1 GB of 2.9 GB used)")
        .contains("ember.yarn.executor.memoryOverhead", "yarn.nodemanager.vmem-check-enabled");
  }

  @Test
  void memoryKillWithoutNumbersStillGivesTheHint() {
    ContainerExit exit = classify(ContainerExitStatus.KILLED_EXCEEDED_PMEM, "");
    assertThat(exit.message())
        .contains("physical memory limit;", "ember.yarn.executor.memoryOverhead");
  }

  @Test
  void failedDisksAreNotAFailure() {
    ContainerExit exit = classify(ContainerExitStatus.DISKS_FAILED, "1/1 local-dirs are bad");
    assertThat(exit.cause()).isEqualTo(Cause.DISKS_FAILED);
    assertThat(exit.countsAsFailure()).isFalse();
    assertThat(exit.message()).contains("disks failed", "1/1 local-dirs are bad");
  }

  @Test
  void killsByYarnAreNotTheApplicationsFault() {
    for (int status :
        new int[] {
          ContainerExitStatus.ABORTED,
          ContainerExitStatus.KILLED_BY_APPMASTER,
          ContainerExitStatus.KILLED_BY_RESOURCEMANAGER,
          ContainerExitStatus.KILLED_AFTER_APP_COMPLETION
        }) {
      ContainerExit exit = classify(status, "Container killed");
      assertThat(exit.cause()).as("status %d", status).isEqualTo(Cause.KILLED_BY_YARN);
      assertThat(exit.countsAsFailure()).as("status %d", status).isFalse();
      assertThat(exit.message())
          .contains("exit status " + status, "not the application's fault", "Container killed");
    }
    assertThat(classify(ContainerExitStatus.KILLED_BY_RESOURCEMANAGER, "").message())
        .contains("killed by the ResourceManager");
    assertThat(classify(ContainerExitStatus.KILLED_BY_APPMASTER, "").message())
        .contains("stopped by the ApplicationMaster");
  }

  @Test
  void otherExitStatusIsTheApplicationsFaultAndPointsToTheLog() {
    ContainerExit exit =
        classify(1, "Exception from container-launch. Unrecognized VM option 'BadOption'");
    assertThat(exit.cause()).isEqualTo(Cause.FAILED);
    assertThat(exit.countsAsFailure()).isTrue();
    assertThat(exit.exitStatus()).isEqualTo(1);
    assertThat(exit.message())
        .contains(
            "Executor 5 (container container_1700000000000_0007_01_000003 on nm1) failed with"
                + " exit status 1",
            "NodeManager nm1",
            LOG_COMMAND,
            "Unrecognized VM option 'BadOption'");
    // The log command comes before the (possibly long, later truncated) diagnostics.
    assertThat(exit.message().indexOf(LOG_COMMAND))
        .isLessThan(exit.message().indexOf("Unrecognized"));
  }

  @Test
  void aProcessKilledBySignalSaysSo() {
    assertThat(classify(137, "Container killed on request. Exit code is 137").message())
        .contains("failed with exit status 137 (killed by SIGKILL", LOG_COMMAND);
    assertThat(classify(134, "").message()).contains("exit status 134 (killed by signal 6)");
  }

  private static ContainerExit classify(int exitStatus, String diagnostics) {
    return ContainerExitClassifier.classify(
        ContainerStatus.newInstance(ID, ContainerState.COMPLETE, diagnostics, exitStatus),
        "5",
        "nm1");
  }
}
