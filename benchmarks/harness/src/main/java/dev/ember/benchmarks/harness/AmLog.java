package dev.ember.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Milestones of an Ember application read from its containers' logs on the single-machine cluster
 * ({@code <cluster dir>/yarn/<host>/log/<application>/<container>/}), by the first line that
 * matches each: the ApplicationMaster's first log line, executors requested, the driver started,
 * the driver's own executor running jobs (only with {@code ember.yarn.driverExecutor.enabled}), the
 * first executor container started, the first executor container registered with the driver (the
 * AM's own executor {@code driver} excluded), the first job started and finished, the executors
 * told to stop. Log times are in this machine's time zone, with milliseconds as the single-machine
 * cluster's containers log them ({@code yy/MM/dd HH:mm:ss.SSS}), or with one-second resolution (the
 * pattern of Ember's {@code conf/log4j.properties.template}).
 */
final class AmLog {
  /** {@code yy/MM/dd HH:mm:ss}, with {@code .SSS} on the single-machine cluster. */
  private static final Pattern TIME =
      Pattern.compile("^(\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{3}))?");

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yy/MM/dd HH:mm:ss");

  /** Milestone name → the regular expression of its first log line. */
  static final Map<String, Pattern> MILESTONES = new LinkedHashMap<>();

  static {
    MILESTONES.put("AM first log line", Pattern.compile("^ (?!\\[executor\\])"));
    MILESTONES.put("executors requested", Pattern.compile("Requested \\d+ executor containers"));
    MILESTONES.put("driver started", Pattern.compile("Driver RPC server listening"));
    // The backend's line once the AM's own executor (ember.yarn.driverExecutor.enabled) is up.
    MILESTONES.put(
        "driver executor registered", Pattern.compile("Running jobs on the driver's executor"));
    MILESTONES.put("first executor container started", Pattern.compile("Container \\S+ started"));
    // Not the AM's own executor "driver", which logs the same line in the AM's log.
    MILESTONES.put(
        "first executor container registered",
        Pattern.compile("Executor (?!driver )\\S+ of \\S+ registered with the driver"));
    MILESTONES.put("first job started", Pattern.compile("Starting job"));
    MILESTONES.put("first job finished", Pattern.compile("job\\S* finished in"));
    MILESTONES.put("executors told to stop", Pattern.compile("the driver asked it to"));
  }

  private AmLog() {}

  /**
   * The milestones found for {@code applicationId} under {@code clusterDir}, in {@link #MILESTONES}
   * order; a milestone without a matching line is absent.
   */
  static Map<String, Instant> milestones(Path clusterDir, String applicationId) throws IOException {
    List<String> lines = new ArrayList<>();
    Path yarn = clusterDir.resolve("yarn");
    if (Files.isDirectory(yarn)) {
      try (Stream<Path> files = Files.walk(yarn)) {
        for (Path f :
            files
                .filter(Files::isRegularFile)
                .filter(p -> p.toString().contains(applicationId))
                .filter(p -> p.getFileName().toString().equals("stderr"))
                .toList()) {
          boolean am = f.getParent().getFileName().toString().endsWith("_000001");
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            // Only the AM's lines count for its first log line.
            lines.add(am ? line : line.replaceFirst("^(\\S+ \\S+) ", "$1 [executor] "));
          }
        }
      }
    }
    List<Map.Entry<Instant, String>> timed = new ArrayList<>();
    for (String line : lines) {
      Matcher m = TIME.matcher(line);
      if (m.find()) {
        Instant t =
            LocalDateTime.parse(m.group(1), FORMAT).atZone(ZoneId.systemDefault()).toInstant();
        if (m.group(2) != null) {
          t = t.plusMillis(Integer.parseInt(m.group(2)));
        }
        timed.add(Map.entry(t, line.substring(m.end())));
      }
    }
    timed.sort(Map.Entry.comparingByKey());
    Map<String, Instant> found = new LinkedHashMap<>();
    MILESTONES.forEach((name, pattern) -> first(timed, pattern).ifPresent(t -> found.put(name, t)));
    return found;
  }

  /**
   * Writes every container's {@code stderr} of {@code applicationId} under {@code clusterDir} (the
   * ApplicationMaster's first) to {@code dest}, each after a {@code ==> <container> <==} line, so
   * that a result directory keeps the logs its milestones were read from. Writes nothing when the
   * application has no container logs there.
   */
  static void copy(Path clusterDir, String applicationId, Path dest) throws IOException {
    Path yarn = clusterDir.resolve("yarn");
    if (!Files.isDirectory(yarn)) {
      return;
    }
    List<Path> stderrs;
    try (Stream<Path> files = Files.walk(yarn)) {
      stderrs =
          files
              .filter(Files::isRegularFile)
              .filter(p -> p.toString().contains(applicationId))
              .filter(p -> p.getFileName().toString().equals("stderr"))
              .sorted(java.util.Comparator.comparing(p -> p.getParent().getFileName().toString()))
              .toList();
    }
    if (stderrs.isEmpty()) {
      return;
    }
    StringBuilder all = new StringBuilder();
    for (Path f : stderrs) {
      all.append("==> ").append(f.getParent().getFileName()).append(" <==\n");
      all.append(Files.readString(f, StandardCharsets.UTF_8));
    }
    Files.writeString(dest, all.toString(), StandardCharsets.UTF_8);
  }

  private static Optional<Instant> first(List<Map.Entry<Instant, String>> timed, Pattern p) {
    return timed.stream()
        .filter(e -> p.matcher(e.getValue()).find())
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
