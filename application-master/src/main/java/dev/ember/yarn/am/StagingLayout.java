package dev.ember.yarn.am;

/**
 * Names shared by ember-submit, which stages files, and the ApplicationMaster, which localizes them
 * again into executor containers. Every file in the staging directory ({@code
 * .emberStaging/<applicationId>} under the submitting user's home on the default FileSystem) is
 * localized into each container's working directory under its own name.
 */
public final class StagingLayout {
  private StagingLayout() {}

  /** The staging directory's parent, relative to the user's home directory. */
  public static final String STAGING_PARENT = ".emberStaging";

  /** The application's configuration ({@code ember.*} properties), as a properties file. */
  public static final String CONF_FILE = "__ember_conf__.properties";

  /** The user's main class and arguments, as a properties file (see {@link AppSpec}). */
  public static final String APP_FILE = "__ember_app__.properties";

  /**
   * The {@link ResourceManifest} of container resources outside the staging directory (the shared
   * jar cache, remote files, archives); not itself localized.
   */
  public static final String RESOURCES_FILE = "__ember_resources__.properties";

  /**
   * The executor containers' local resources as ember-submit computed them for the
   * ApplicationMaster's container ({@link LaunchContexts#stagedResources}, in {@link
   * ResourceManifest} format), localized into the AM's working directory only: the AM then needs
   * neither the staging directory's FileSystem nor a listing before it launches executors. Not
   * itself localized into executor containers.
   */
  public static final String EXECUTOR_RESOURCES_FILE = "__ember_executor_resources__.properties";

  /**
   * Subdirectory of the staging directory holding uploaded {@code --archives}; its files are not
   * localized as plain files but through the {@link #RESOURCES_FILE} manifest.
   */
  public static final String ARCHIVES_DIR = "__archives__";

  /**
   * Environment variable of the ApplicationMaster container: the application's maximum number of
   * attempts, so that the last attempt knows to delete the staging directory.
   */
  public static final String MAX_ATTEMPTS_ENV = "EMBER_MAX_APP_ATTEMPTS";

  /** The name of the localized application jar. */
  public static final String APP_JAR = "__app__.jar";

  /**
   * Environment variable of the ApplicationMaster container naming the staging directory (a fully
   * qualified URI), so that it can localize the same files into executor containers.
   */
  public static final String STAGING_DIR_ENV = "EMBER_STAGING_DIR";
}
