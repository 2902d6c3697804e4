package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ember.yarn.am.ContainerSize;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.Test;

class SizeCheckTest {
  private static final Resource MAX = Resource.newInstance(4096, 4);

  @Test
  void containerAboveTheMaximumAllocationIsRefusedNamingFlagAndValues() {
    SubmitException e =
        catchThrowableOfType(
            SubmitException.class,
            () ->
                SizeCheck.check(
                    "--executor-memory", new ContainerSize(4096, 409), 1, "--executor-cores", MAX));
    assertThat(e.exitCode()).isEqualTo(ExitCodes.SUBMISSION_REFUSED);
    assertThat(e.getMessage())
        .contains(
            "--executor-memory 4096m",
            "container of 4505 MiB",
            "maximum allocation of 4096 MiB",
            "at most 3712m");
  }

  @Test
  void tooManyCoresAreRefused() {
    SubmitException e =
        catchThrowableOfType(
            SubmitException.class,
            () ->
                SizeCheck.check(
                    "--executor-memory", new ContainerSize(512, 384), 8, "--executor-cores", MAX));
    assertThat(e.getMessage()).contains("--executor-cores 8", "maximum of 4 vcores");
  }

  @Test
  void largestFittingHeapIsAccepted() {
    long heap = SizeCheck.maxHeapMiB(4096);
    assertThatCode(
            () ->
                SizeCheck.check(
                    "--executor-memory",
                    new ContainerSize(heap, Math.max(384, heap / 10)),
                    4,
                    "--executor-cores",
                    MAX))
        .doesNotThrowAnyException();
  }
}
