package dev.ember;

/**
 * Finds the user code that called into the dataset API, for stage and job names (Spark shows "map
 * at WordCount.java:41" the same way).
 */
final class CallSite {
  private static final StackWalker WALKER = StackWalker.getInstance();

  private CallSite() {}

  /** "method at File.java:line" of the API method called and the first frame outside Ember. */
  static String find() {
    return WALKER.walk(
        frames -> {
          String[] api = {"<unknown>"};
          return frames
              .filter(
                  f -> {
                    boolean internal = isInternal(f.getClassName());
                    if (internal) {
                      api[0] = f.getMethodName();
                    }
                    return !internal;
                  })
              .findFirst()
              .map(f -> api[0] + " at " + f.getFileName() + ":" + f.getLineNumber())
              .orElse(api[0]);
        });
  }

  private static boolean isInternal(String className) {
    if (!className.startsWith("dev.ember.")) {
      return false;
    }
    String rest = className.substring("dev.ember.".length());
    // Examples, integration-test jobs and tests are user code even though they live under
    // dev.ember.
    return !rest.startsWith("examples.")
        && !rest.startsWith("it.")
        && !className.endsWith("Test")
        && !className.contains("Test$");
  }
}
