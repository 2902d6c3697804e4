package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.scheduler.DriverListeners;
import dev.ember.yarn.am.AmRole;
import dev.ember.yarn.am.AppSpec;
import dev.ember.yarn.am.ContainerSize;
import dev.ember.yarn.am.SecretCredentials;
import dev.ember.yarn.am.YarnOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Submission to YARN in cluster deploy mode (the driver in the ApplicationMaster) or client deploy
 * mode (the driver in this JVM through {@link ClientModeSubmission}, the AM only negotiating
 * executors): checks, stages, submits and waits (in cluster mode unless {@code
 * ember.yarn.submit.waitAppCompletion=false}). In order: the main class is in the jar, the queue
 * exists, the containers fit the maximum allocation; then Ember's runtime jars go to the shared
 * {@link JarCache} and the application's own files to the staging directory ({@link Stager}); the
 * staging directory is deleted again if the submission fails, and after the application ends if the
 * ApplicationMaster did not delete it. Human-readable lines go to {@code out}; JSON events to
 * {@code events}. One per submission, on ember-submit's main thread.
 */
final class YarnSubmitter {
  /** How long {@code ember.yarn.submit.ifRunning=kill} waits for the killed application to end. */
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(60);

  private final Configuration hadoopConf;
  private final EmberConf conf;
  private final PrintStream out;
  private final SubmitEvents events;

  YarnSubmitter(Configuration hadoopConf, EmberConf conf, PrintStream out, SubmitEvents events) {
    this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf is null");
    this.conf = requireNonNull(conf, "conf is null");
    this.out = requireNonNull(out, "out is null");
    this.events = requireNonNull(events, "events is null");
  }

  /**
   * @param resources the application's {@code --jars/--files/--archives}, already parsed against
   *     {@code emberJars}
   * @param clientModeDriver the driver to run in this JVM in client deploy mode; empty in cluster
   *     deploy mode
   * @param err where client mode's driver and the shutdown hook report
   * @return one of {@link ExitCodes}
   */
  int submit(
      Path appJar,
      AppSpec app,
      List<Path> emberJars,
      UserResources resources,
      Optional<LocalRunner> clientModeDriver,
      PrintStream err)
      throws SubmitException, InterruptedException {
    boolean clientMode = clientModeDriver.isPresent();
    SubmitChecks.mainClassInJar(
        app.mainClass(),
        appJar,
        resources.all().stream()
            .filter(r -> r.kind() == UserResources.Kind.JAR)
            .flatMap(r -> r.local().stream())
            .toList());
    ContainerSize executor =
        ContainerSize.of(conf, YarnOptions.EXECUTOR_MEMORY, YarnOptions.EXECUTOR_MEMORY_OVERHEAD);
    // In client mode the driver runs here; the AM only negotiates executors (Spark's
    // spark.yarn.am.memory), with one vcore.
    ContainerSize am =
        clientMode
            ? ContainerSize.of(conf, YarnOptions.AM_MEMORY, YarnOptions.AM_MEMORY_OVERHEAD)
            : ContainerSize.of(conf, YarnOptions.DRIVER_MEMORY, YarnOptions.DRIVER_MEMORY_OVERHEAD);
    int amCores = clientMode ? 1 : conf.get(YarnOptions.DRIVER_CORES);
    List<String> amJavaOptions = AmLaunchContext.extraJavaOptions(conf, clientMode);
    String queue = conf.get(YarnOptions.QUEUE);

    // The shared jar cache needs no application id: load the HDFS client and bring the cache up to
    // date on another thread while this one talks to the ResourceManager.
    CompletableFuture<CachedJars> cachedJars = publishInBackground(emberJars);
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(hadoopConf);
      yarn.start();
      SubmitChecks.queueExists(yarn, queue);
      String user = UserGroupInformation.getCurrentUser().getShortUserName();
      SubmitKeyCheck.Outcome keyCheck =
          new SubmitKeyCheck(yarn, out, conf.get(YarnOptions.REPORT_INTERVAL), KILL_TIMEOUT)
              .check(conf, user);
      if (keyCheck.decision() == SubmitKeyCheck.Decision.ATTACH) {
        return attach(yarn, keyCheck.running().orElseThrow(), user, queue, err);
      }
      YarnClientApplication newApp = yarn.createApplication();
      ApplicationId appId = newApp.getNewApplicationResponse().getApplicationId();
      Resource max = newApp.getNewApplicationResponse().getMaximumResourceCapability();
      SizeCheck.check(
          "--executor-memory",
          executor,
          conf.get(YarnOptions.EXECUTOR_CORES),
          "--executor-cores",
          max);
      if (clientMode) {
        SizeCheck.check(
            YarnOptions.AM_MEMORY.key(), am, amCores, "the ApplicationMaster's vcore count", max);
      } else {
        SizeCheck.check("--driver-memory", am, amCores, "--driver-cores", max);
      }
      int maxAttempts = maxAttempts();

      CachedJars jars = await(cachedJars);
      FileSystem fs = jars.fs();
      Stager stager = new Stager(fs, appId);
      boolean submitted = false;
      byte[] secret = SecretCredentials.newSecret();
      try {
        JarCache.Published cached = jars.published();
        printCache(cached);
        List<String> uploaded = stager.stage(appJar, conf, app, resources, cached.resources());
        out.println("Uploaded to " + stager.dir() + ": " + String.join(", ", uploaded));

        ApplicationSubmissionContext context = newApp.getApplicationSubmissionContext();
        context.setApplicationName(conf.get(CoreOptions.APP_NAME));
        context.setApplicationType("EMBER");
        context.setQueue(queue);
        context.setApplicationTags(SubmitKeyCheck.tags(conf));
        context.setMaxAppAttempts(maxAttempts);
        context.setResource(Resource.newInstance(am.totalMiB(), amCores));
        context.setAMContainerSpec(
            AmLaunchContext.build(
                hadoopConf,
                fs,
                stager.dir(),
                am,
                amJavaOptions,
                maxAttempts,
                secret,
                clientMode ? AmRole.CLIENT : AmRole.CLUSTER));
        yarn.submitApplication(context);
        submitted = true;
      } finally {
        if (!submitted) {
          var unused = stager.deleteIfPresent();
        }
      }
      String trackingUrl = yarn.getApplicationReport(appId).getTrackingUrl();
      out.println("Submitted application " + appId);
      out.println("Tracking URL: " + trackingUrl);
      events.submitted(appId, trackingUrl, user, queue);
      if (!clientMode && !conf.get(YarnOptions.WAIT_APP_COMPLETION)) {
        out.println(
            "Not waiting for the application to end ("
                + YarnOptions.WAIT_APP_COMPLETION.key()
                + "=false); ember-submit --status "
                + appId
                + " reports on it");
        return ExitCodes.SUCCESS;
      }
      ApplicationMonitor monitor =
          new ApplicationMonitor(yarn, conf.get(YarnOptions.REPORT_INTERVAL), out, events);
      try (KillOnShutdown hook = KillOnShutdown.install(yarn, appId, err)) {
        if (clientMode) {
          // The driver runs here: its sessions write job and stage events to --events.
          try (DriverListeners.Registration registration =
              DriverListeners.register(new EventsJobListener(events))) {
            return new ClientModeSubmission(
                    monitor, appId, clientModeDriver.get(), conf, secret, out, err)
                .run();
          }
        }
        return monitor.await(appId);
      } finally {
        // The AM deletes it when it ends normally; not when it was killed or never ran.
        if (stager.deleteIfPresent()) {
          out.println("Deleted the staging directory " + stager.dir());
        }
      }
    } catch (YarnException e) {
      throw new SubmitException(
          ExitCodes.SUBMISSION_REFUSED, "the ResourceManager refused: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new SubmitException(
          ExitCodes.LOST_CONTACT,
          "cannot reach the cluster: "
              + e.getMessage()
              + "; check HADOOP_CONF_DIR / YARN_CONF_DIR and that the ResourceManager and the"
              + " default FileSystem are up",
          e);
    }
  }

  /** The default FileSystem and what {@link JarCache#publish} made of Ember's runtime jars. */
  private record CachedJars(FileSystem fs, JarCache.Published published) {}

  /**
   * Runs {@link JarCache#publish} for {@code emberJars} on a daemon thread. If the submission ends
   * early (a refused check, an attach) the thread is not waited for: an upload it leaves unfinished
   * is a temporary file, never a cache entry.
   */
  private CompletableFuture<CachedJars> publishInBackground(List<Path> emberJars) {
    CompletableFuture<CachedJars> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                FileSystem fs = FileSystem.get(hadoopConf);
                JarCache cache =
                    new JarCache(
                        fs,
                        JarCache.versionDir(
                            fs,
                            conf.getOptional(YarnOptions.JAR_CACHE_DIR),
                            JarCache.emberVersion()),
                        FingerprintMemo.ofUser());
                result.complete(new CachedJars(fs, cache.publish(emberJars)));
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "ember-jar-cache");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** The background publication's result, its failure rethrown as it was thrown. */
  private static CachedJars await(CompletableFuture<CachedJars> cachedJars)
      throws IOException, InterruptedException {
    try {
      return cachedJars.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Follows an application already running with the same {@code ember.yarn.submit.key} ({@code
   * ember.yarn.submit.ifRunning=attach}) as if this submission had started it: the same lines and
   * events (with {@code attached} for {@code submitted}), the same exit codes, and killing it if
   * this process is interrupted.
   */
  private int attach(
      YarnClient yarn, ApplicationId appId, String user, String queue, PrintStream err)
      throws IOException, YarnException, SubmitException, InterruptedException {
    String trackingUrl = yarn.getApplicationReport(appId).getTrackingUrl();
    out.println("Attached to application " + appId);
    out.println("Tracking URL: " + trackingUrl);
    events.attached(appId, trackingUrl, user, queue);
    ApplicationMonitor monitor =
        new ApplicationMonitor(yarn, conf.get(YarnOptions.REPORT_INTERVAL), out, events);
    try (KillOnShutdown hook = KillOnShutdown.install(yarn, appId, err)) {
      return monitor.await(appId);
    }
  }

  /**
   * {@code ember.yarn.maxAppAttempts}, capped by the cluster's {@code
   * yarn.resourcemanager.am.max-attempts} (the ResourceManager would cap it too), or the cluster's
   * value when unset.
   */
  int maxAttempts() {
    int clusterMax =
        hadoopConf.getInt(
            YarnConfiguration.RM_AM_MAX_ATTEMPTS, YarnConfiguration.DEFAULT_RM_AM_MAX_ATTEMPTS);
    Optional<Integer> asked = conf.getOptional(YarnOptions.MAX_APP_ATTEMPTS);
    if (asked.isPresent() && asked.get() > clusterMax) {
      out.println(
          YarnOptions.MAX_APP_ATTEMPTS.key()
              + "="
              + asked.get()
              + " is above the cluster's "
              + YarnConfiguration.RM_AM_MAX_ATTEMPTS
              + "="
              + clusterMax
              + "; the ResourceManager allows "
              + clusterMax
              + " attempts");
      return clusterMax;
    }
    return asked.orElse(clusterMax);
  }

  private void printCache(JarCache.Published cached) {
    if (cached.resources().isEmpty()) {
      return;
    }
    out.println(
        "Ember runtime jars in the shared cache ("
            + cached.visibility()
            + cached.notPublicBecause().map(why -> ", not PUBLIC: " + why).orElse("")
            + "): uploaded "
            + cached.uploaded().size()
            + " "
            + cached.uploaded()
            + ", reused "
            + cached.reused().size()
            + " "
            + cached.reused());
  }
}
