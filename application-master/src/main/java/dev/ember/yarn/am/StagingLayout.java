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

  /** The name of the localized application jar. */
  public static final String APP_JAR = "__app__.jar";

  /**
   * Environment variable of the ApplicationMaster container naming the staging directory (a fully
   * qualified URI), so that it can localize the same files into executor containers.
   */
  public static final String STAGING_DIR_ENV = "EMBER_STAGING_DIR";
}
