package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.YarnOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Idempotent submission: the application tags of a submission ({@code ember.yarn.tags} plus {@code
 * ember-key:<key>} for {@code ember.yarn.submit.key}), and what to do before submitting when an
 * application of the same user with the same key has not ended ({@code
 * ember.yarn.submit.ifRunning}: fail, attach or kill).
 *
 * <p>Neither spark-submit nor YARN does this: a restarted orchestrator worker that resubmits a
 * still-running job gets two applications writing the same output. The check asks the
 * ResourceManager for the user's EMBER applications in a non-terminal state carrying the key's tag.
 * It is not atomic: two submissions with the same key racing within the same second can both pass
 * it (YARN has no way to reserve a tag); it protects against the resubmission after a restart, not
 * against two concurrent submitters. Called on ember-submit's main thread.
 */
final class SubmitKeyCheck {
  /** The prefix of the tag that carries {@code ember.yarn.submit.key}. */
  static final String KEY_TAG_PREFIX = "ember-key:";

  /** The YARN states in which an application has not ended. */
  static final EnumSet<YarnApplicationState> NOT_ENDED =
      EnumSet.of(
          YarnApplicationState.NEW,
          YarnApplicationState.NEW_SAVING,
          YarnApplicationState.SUBMITTED,
          YarnApplicationState.ACCEPTED,
          YarnApplicationState.RUNNING);

  /** What the check decided. */
  enum Decision {
    /** No application with the key is running (or there is no key): submit. */
    SUBMIT,
    /** Follow {@link Outcome#running} instead of submitting. */
    ATTACH
  }

  /** The decision and, for {@link Decision#ATTACH}, the application to follow. */
  record Outcome(Decision decision, Optional<ApplicationId> running) {}

  private final YarnClient yarn;
  private final PrintStream out;
  private final Duration pollInterval;
  private final Duration killTimeout;

  SubmitKeyCheck(YarnClient yarn, PrintStream out, Duration pollInterval, Duration killTimeout) {
    this.yarn = requireNonNull(yarn, "yarn is null");
    this.out = requireNonNull(out, "out is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    this.killTimeout = requireNonNull(killTimeout, "killTimeout is null");
  }

  /**
   * The tags to set on the submission context: {@code ember.yarn.tags}, then the key's tag; in
   * lower case, as YARN stores them.
   */
  static Set<String> tags(EmberConf conf) {
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : conf.get(YarnOptions.TAGS).split(",")) {
      if (!tag.isBlank()) {
        tags.add(tag.strip().toLowerCase(Locale.ROOT));
      }
    }
    conf.getOptional(YarnOptions.SUBMIT_KEY).ifPresent(key -> tags.add(keyTag(key)));
    return tags;
  }

  /** The tag of an idempotency key. */
  static String keyTag(String key) {
    return KEY_TAG_PREFIX + key.toLowerCase(Locale.ROOT);
  }

  /**
   * Looks for a not-ended application of {@code user} with {@code conf}'s key and applies {@code
   * ember.yarn.submit.ifRunning}.
   *
   * @throws SubmitException {@link ExitCodes#ALREADY_RUNNING} for {@code fail}, naming the running
   *     application; {@link ExitCodes#LOST_CONTACT} if a killed application does not end in time
   */
  Outcome check(EmberConf conf, String user)
      throws SubmitException, IOException, YarnException, InterruptedException {
    Optional<String> key = conf.getOptional(YarnOptions.SUBMIT_KEY);
    if (key.isEmpty()) {
      return new Outcome(Decision.SUBMIT, Optional.empty());
    }
    List<ApplicationReport> running =
        yarn.getApplications(Set.of("EMBER"), NOT_ENDED, Set.of(keyTag(key.get()))).stream()
            .filter(r -> user.equals(r.getUser()))
            .sorted(Comparator.comparing(ApplicationReport::getApplicationId))
            .toList();
    if (running.isEmpty()) {
      return new Outcome(Decision.SUBMIT, Optional.empty());
    }
    ApplicationReport latest = running.get(running.size() - 1);
    String what =
        "application "
            + latest.getApplicationId()
            + " ("
            + latest.getName()
            + ", "
            + latest.getYarnApplicationState()
            + ") of user "
            + user
            + " has "
            + YarnOptions.SUBMIT_KEY.key()
            + "="
            + key.get()
            + " and has not ended";
    String mode = conf.get(YarnOptions.SUBMIT_IF_RUNNING);
    switch (mode) {
      case "attach":
        out.println(
            "Attaching to " + what + "; following it instead of submitting a second application");
        return new Outcome(Decision.ATTACH, Optional.of(latest.getApplicationId()));
      case "kill":
        for (ApplicationReport r : running) {
          out.println("Killing application " + r.getApplicationId() + " (same submit key)");
          yarn.killApplication(r.getApplicationId());
          awaitEnd(r.getApplicationId());
        }
        return new Outcome(Decision.SUBMIT, Optional.empty());
      default:
        throw new SubmitException(
            ExitCodes.ALREADY_RUNNING,
            what
                + "; nothing submitted. Wait for it, or resubmit with --conf "
                + YarnOptions.SUBMIT_IF_RUNNING.key()
                + "=attach to follow it or =kill to replace it");
    }
  }

  private void awaitEnd(ApplicationId appId)
      throws SubmitException, IOException, YarnException, InterruptedException {
    long deadline = System.nanoTime() + killTimeout.toNanos();
    while (true) {
      YarnApplicationState state = yarn.getApplicationReport(appId).getYarnApplicationState();
      if (!NOT_ENDED.contains(state)) {
        out.println("Application " + appId + " ended " + state);
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new SubmitException(
            ExitCodes.LOST_CONTACT,
            "killed application "
                + appId
                + " is still "
                + state
                + " after "
                + killTimeout.toSeconds()
                + "s; nothing submitted. Check the ResourceManager, then resubmit");
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }
}
