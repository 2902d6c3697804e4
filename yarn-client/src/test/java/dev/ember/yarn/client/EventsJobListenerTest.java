package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.scheduler.DriverListeners;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session built while the events listener is registered writes its jobs and stages. */
class EventsJobListenerTest {
  @Test
  void aJobWithAShuffleWritesJobAndStageEventsWithItsSummary() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SubmitEvents events = SubmitEvents.to(bytes, true, Clock.systemUTC());
        DriverListeners.Registration registration =
            DriverListeners.register(new EventsJobListener(events));
        EmberSession ember = EmberSession.builder().master("local[2]").appName("events").build()) {
      var unused =
          ember
              .parallelizePairs(List.of(Pair.of("a", 1), Pair.of("b", 2), Pair.of("a", 3)), 3)
              .reduceByKey(Integer::sum, 2)
              .collectAsMap();
    }
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(json.readTree(line));
    }

    assertThat(lines)
        .extracting(n -> n.get("event").asText())
        .containsExactly("jobStart", "stageStart", "stageEnd", "stageStart", "stageEnd", "jobEnd");
    assertThat(lines.get(0).get("stageIds")).hasSize(2);
    assertThat(lines.get(1).get("tasks").asInt()).isEqualTo(3);
    assertThat(lines.get(2).get("succeeded").asBoolean()).isTrue();
    assertThat(lines.get(2).get("failedTasks").asInt()).isZero();
    assertThat(lines.get(3).get("tasks").asInt()).isEqualTo(2);
    JsonNode end = lines.get(5);
    assertThat(end.get("succeeded").asBoolean()).isTrue();
    assertThat(end.get("name").asText()).contains("EventsJobListenerTest.java");
    assertThat(end.get("stages")).hasSize(2);
    assertThat(end.get("stages").get(0).get("shuffleBytesWritten").asLong()).isPositive();
    assertThat(end.get("stages").get(1).get("shuffleBytesRead").asLong()).isPositive();
    int located = 0;
    for (JsonNode n : end.get("localityCounts")) {
      located += n.asInt();
    }
    assertThat(located).isEqualTo(5);
  }

  @Test
  void aSessionBuiltAfterTheRegistrationClosedWritesNothing() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (SubmitEvents events = SubmitEvents.to(bytes, true, Clock.systemUTC())) {
      DriverListeners.register(new EventsJobListener(events)).close();
      try (EmberSession ember = EmberSession.builder().master("local[1]").build()) {
        assertThat(ember.parallelize(List.of(1, 2, 3), 1).count()).isEqualTo(3);
      }
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
