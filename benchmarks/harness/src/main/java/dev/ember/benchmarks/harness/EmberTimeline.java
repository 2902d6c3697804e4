package dev.ember.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ember-submit's {@code --events} stream (docs/events.md) says about one submission: the
 * application id and when ember-submit saw {@code submitted}, the YARN state {@code RUNNING} (the
 * ApplicationMaster registered with the ResourceManager) and {@code final}. A milestone is absent
 * when the stream lacks its event (YARN states shorter than the poll interval are skipped).
 */
record EmberTimeline(Optional<String> applicationId, Map<String, Instant> milestones) {
  private static final Pattern EVENT =
      Pattern.compile("\"event\":\"(\\w+)\",\"time\":\"([^\"]+)\"(?:.*?\"state\":\"(\\w+)\")?");
  private static final Pattern APP =
      Pattern.compile("\"applicationId\":\"(application_\\d+_\\d+)\"");

  EmberTimeline {
    milestones = Map.copyOf(milestones);
  }

  /**
   * Reads {@code events} (one JSON object a line).
   *
   * @throws IOException if the file cannot be read
   */
  static EmberTimeline read(Path events) throws IOException {
    String app = null;
    Map<String, Instant> found = new LinkedHashMap<>();
    for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
      Matcher a = APP.matcher(line);
      if (app == null && a.find()) {
        app = a.group(1);
      }
      Matcher m = EVENT.matcher(line);
      if (!m.find()) {
        continue;
      }
      Instant t = Instant.parse(m.group(2));
      String event = m.group(1);
      if (event.equals("submitted")) {
        found.put("submitted", t);
      } else if (event.equals("state") && "RUNNING".equals(m.group(3))) {
        found.put("YARN state RUNNING", t);
      } else if (event.equals("final")) {
        found.put("final", t);
      }
    }
    return new EmberTimeline(Optional.ofNullable(app), found);
  }
}
