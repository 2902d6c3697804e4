package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the ApplicationMaster runs in cluster deploy mode: the user's main class and its arguments.
 * ember-submit writes it to {@link StagingLayout#APP_FILE} (a properties file, so that arguments
 * need no shell quoting on the container's command line). Immutable.
 *
 * @param mainClass the fully qualified name of the class whose {@code main} is the driver
 * @param args the arguments passed to {@code main}
 */
public record AppSpec(String mainClass, List<String> args) {
  private static final String MAIN_CLASS = "mainClass";
  private static final String ARG_COUNT = "args.count";

  public AppSpec {
    requireNonNull(mainClass, "mainClass is null");
    args = List.copyOf(args);
  }

  /** Writes this spec as properties. */
  public void writeTo(Writer out) throws IOException {
    Properties p = new Properties();
    p.setProperty(MAIN_CLASS, mainClass);
    p.setProperty(ARG_COUNT, Integer.toString(args.size()));
    for (int i = 0; i < args.size(); i++) {
      p.setProperty("args." + i, args.get(i));
    }
    p.store(out, "Ember application: main class and arguments");
  }

  /**
   * Reads a spec written by {@link #writeTo}.
   *
   * @throws IOException if it cannot be read or misses a key
   */
  public static AppSpec readFrom(Reader in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    String main = p.getProperty(MAIN_CLASS);
    String count = p.getProperty(ARG_COUNT);
    if (main == null || count == null) {
      throw new IOException(
          StagingLayout.APP_FILE + " misses " + MAIN_CLASS + " or " + ARG_COUNT + "; resubmit");
    }
    List<String> args = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(count); i++) {
      args.add(p.getProperty("args." + i, ""));
    }
    return new AppSpec(main, args);
  }
}
