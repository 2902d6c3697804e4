package dev.ember.yarn.client;

import dev.ember.yarn.am.YarnOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.apache.hadoop.yarn.api.records.QueueInfo;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Refusals before submission that need the application jar or the ResourceManager: a main class
 * that is not in the jar, a queue the scheduler does not have. Each names the flag and what was
 * asked versus what exists; nothing is staged when one fails. Stateless.
 */
final class SubmitChecks {
  private SubmitChecks() {}

  /**
   * Checks that {@code mainClass} is a class file of {@code appJar} or of one of {@code jars} (the
   * local {@code --jars}).
   *
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} naming {@code --class} and the jar
   */
  static void mainClassInJar(String mainClass, Path appJar, List<Path> jars)
      throws SubmitException {
    String entry = mainClass.replace('.', '/') + ".class";
    for (Path jar : concat(appJar, jars)) {
      try (JarFile file = new JarFile(jar.toFile())) {
        if (file.getEntry(entry) != null) {
          return;
        }
      } catch (IOException e) {
        throw new SubmitException(
            ExitCodes.USAGE_ERROR,
            jar + " is not a readable jar: " + e.getMessage() + "; check the application jar",
            e);
      }
    }
    throw new SubmitException(
        ExitCodes.USAGE_ERROR,
        "--class "
            + mainClass
            + ": "
            + appJar
            + " has no "
            + entry
            + "; check the package and spelling of the main class (jar tf lists the jar's"
            + " classes)");
  }

  private static List<Path> concat(Path first, List<Path> rest) {
    List<Path> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /**
   * Asks the ResourceManager whether {@code queue} exists.
   *
   * @throws SubmitException with {@link ExitCodes#SUBMISSION_REFUSED} naming {@code --queue}, the
   *     queue and the queues the scheduler has; {@link ExitCodes#LOST_CONTACT} if the
   *     ResourceManager cannot be reached
   */
  static void queueExists(YarnClient yarn, String queue) throws SubmitException {
    try {
      QueueInfo info;
      try {
        info = yarn.getQueueInfo(queue);
      } catch (YarnException e) {
        info = null; // Some schedulers throw for an unknown queue, others answer null.
      }
      if (info != null) {
        return;
      }
      List<String> known =
          yarn.getAllQueues().stream().map(QueueInfo::getQueueName).sorted().toList();
      throw new SubmitException(
          ExitCodes.SUBMISSION_REFUSED,
          "--queue "
              + queue
              + " ("
              + YarnOptions.QUEUE.key()
              + "): the ResourceManager has no such queue; its queues are "
              + known);
    } catch (YarnException | IOException e) {
      throw new SubmitException(
          ExitCodes.LOST_CONTACT,
          "cannot ask the ResourceManager about queue " + queue + ": " + e.getMessage(),
          e);
    }
  }
}
