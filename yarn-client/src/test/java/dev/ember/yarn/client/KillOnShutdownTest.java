package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KillOnShutdownTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicInteger kills = new AtomicInteger();

  @Test
  void theHookKillsTheApplicationWhileArmed() {
    KillOnShutdown hook = new KillOnShutdown(kills::incrementAndGet, "application_1_0001", err);
    hook.onShutdown();

    assertThat(kills).hasValue(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("stopped while application_1_0001 runs; killing it", "killed application_1_0001");
  }

  @Test
  void aClosedHookKillsNothing() {
    KillOnShutdown hook = new KillOnShutdown(kills::incrementAndGet, "application_1_0001", err);
    hook.close();
    hook.onShutdown();

    assertThat(kills).hasValue(0);
  }

  @Test
  void aFailedKillSaysHowToKillByHand() {
    KillOnShutdown hook =
        new KillOnShutdown(
            () -> {
              throw new IOException("connection refused");
            },
            "application_1_0001",
            err);
    hook.onShutdown();

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(
            "cannot kill application_1_0001 (connection refused)", "--kill application_1_0001");
  }
}
