package dev.ember.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.KryoRecordSerializer;
import dev.ember.serializer.SerializationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results of application classes that only the application's class loader sees (as in client deploy
 * mode, where ember-submit loads the jar in a loader of its own) decode on threads whose context
 * loader does not see them.
 */
class TaskOutcomeCodecTest {
  @TempDir static Path classes;
  private static URLClassLoader appLoader;

  /** Compiles an application class into a directory that is not on the test's classpath. */
  @BeforeAll
  static void compileApplicationClass() throws IOException {
    Path source = classes.resolve("app/Result.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "package app; public class Result { public String name = \"Peru\"; public long n = 42; }",
        StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, "-d", classes.toString(), source.toString());
    assertThat(status).isZero();
    appLoader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, TaskOutcomeCodecTest.class.getClassLoader());
  }

  @Test
  void decodesApplicationClassesWithTheGivenLoaderOnAnyThread() throws Exception {
    byte[] bytes = encodeInApplication();
    TaskOutcomeCodec driverCodec = new TaskOutcomeCodec(new KryoRecordSerializer(), appLoader);

    TaskOutcome decoded = onThreadWithSystemLoader(() -> driverCodec.decode(bytes));

    Object value = ((TaskOutcome.Success) decoded).value();
    assertThat(value.getClass().getName()).isEqualTo("app.Result");
    assertThat(value.getClass().getClassLoader()).isSameAs(appLoader);
    assertThat(value.getClass().getField("name").get(value)).isEqualTo("Peru");
    assertThat(value.getClass().getField("n").get(value)).isEqualTo(42L);
  }

  @Test
  void withoutALoaderTheThreadsContextLoaderMustSeeTheClass() throws Exception {
    byte[] bytes = encodeInApplication();
    TaskOutcomeCodec codec = new TaskOutcomeCodec(new KryoRecordSerializer());

    assertThatThrownBy(() -> onThreadWithSystemLoader(() -> codec.decode(bytes)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("app.Result");
  }

  @Test
  void restoresTheCallersContextLoader() throws Exception {
    byte[] bytes = encodeInApplication();
    TaskOutcomeCodec driverCodec = new TaskOutcomeCodec(new KryoRecordSerializer(), appLoader);

    ClassLoader after =
        onThreadWithSystemLoader(
            () -> {
              var unused = driverCodec.decode(bytes);
              return Thread.currentThread().getContextClassLoader();
            });

    assertThat(after).isSameAs(ClassLoader.getSystemClassLoader());
  }

  private static byte[] encodeInApplication() throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(appLoader);
    try {
      Object result = appLoader.loadClass("app.Result").getConstructor().newInstance();
      return new TaskOutcomeCodec(new KryoRecordSerializer())
          .encode(new TaskOutcome.Success(result, List.of(), new TaskMetrics()));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private interface Action<T> {
    T run() throws Exception;
  }

  /** Runs {@code action} on a new thread whose context loader is the system class loader. */
  private static <T> T onThreadWithSystemLoader(Action<T> action) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.set(action.run());
              } catch (Exception e) {
                failure.set(e);
              }
            });
    thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }
}
