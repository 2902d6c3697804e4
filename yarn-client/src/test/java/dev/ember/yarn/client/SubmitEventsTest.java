package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;

class SubmitEventsTest {
  private static final ApplicationId APP = ApplicationId.newInstance(1_700_000_000_000L, 3);

  @Test
  void eachEventIsOneJsonObjectPerLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);
    try (SubmitEvents events = SubmitEvents.to(bytes, true, clock)) {
      events.submitted(APP, "http://rm:8088/proxy/x/", "alice", "etl");
      events.state(APP, YarnApplicationState.RUNNING);
      events.jobStart(0, List.of(0, 1));
      events.stageStart(1, 0, 8);
      events.stageEnd(1, 0, 8, 2, Optional.empty());
      events.jobEnd(0, Optional.of("stage 1 failed \"badly\"\nline 2"));
      events.finalState(
          APP, YarnApplicationState.FINISHED, FinalApplicationStatus.SUCCEEDED, null, 0);
    }
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(json.readTree(line));
    }
    assertThat(lines)
        .extracting(n -> n.get("event").asText())
        .containsExactly(
            "submitted", "state", "jobStart", "stageStart", "stageEnd", "jobEnd", "final");
    assertThat(lines)
        .allSatisfy(n -> assertThat(n.get("time").asText()).isEqualTo("2026-11-22T03:00:00Z"));
    JsonNode submitted = lines.get(0);
    assertThat(submitted.get("applicationId").asText()).isEqualTo(APP.toString());
    assertThat(submitted.get("trackingUrl").asText()).isEqualTo("http://rm:8088/proxy/x/");
    assertThat(submitted.get("user").asText()).isEqualTo("alice");
    assertThat(submitted.get("queue").asText()).isEqualTo("etl");
    assertThat(lines.get(1).get("state").asText()).isEqualTo("RUNNING");
    assertThat(lines.get(2).get("stageIds").toString()).isEqualTo("[0,1]");
    assertThat(lines.get(4).get("failedTasks").asInt()).isEqualTo(2);
    assertThat(lines.get(5).get("failure").asText()).isEqualTo("stage 1 failed \"badly\"\nline 2");
    JsonNode end = lines.get(6);
    assertThat(end.get("state").asText()).isEqualTo("FINISHED");
    assertThat(end.get("finalStatus").asText()).isEqualTo("SUCCEEDED");
    assertThat(end.get("diagnostics").asText()).isEmpty();
    assertThat(end.get("exitCode").asInt()).isZero();
  }

  @Test
  void noneWritesNothing() throws Exception {
    try (SubmitEvents events = SubmitEvents.none()) {
      events.state(APP, YarnApplicationState.ACCEPTED);
    }
  }
}
