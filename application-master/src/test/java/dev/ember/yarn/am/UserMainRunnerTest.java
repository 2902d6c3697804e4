package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserMainRunnerTest {
  static final class Succeeds {
    public static void main(String[] args) {}
  }

  static final class Throws {
    public static void main(String[] args) {
      throw new IllegalStateException("outer", new java.io.IOException("disk on fire"));
    }
  }

  @Test
  void normalReturnIsSuccess() throws InterruptedException {
    assertThat(run(Succeeds.class.getName())).isEmpty();
  }

  @Test
  void exceptionAndRootCauseBecomeTheDiagnostics() throws InterruptedException {
    assertThat(run(Throws.class.getName()))
        .hasValueSatisfying(
            d ->
                assertThat(d)
                    .contains(
                        "User class " + Throws.class.getName(),
                        "IllegalStateException: outer",
                        "root cause: java.io.IOException: disk on fire"));
  }

  @Test
  void unknownClassIsNamed() throws InterruptedException {
    assertThat(run("no.such.Main"))
        .hasValueSatisfying(
            d -> assertThat(d).contains("Cannot run no.such.Main", "ClassNotFoundException"));
  }

  private static Optional<String> run(String main) throws InterruptedException {
    return new UserMainRunner(
            new AppSpec(main, List.of()), UserMainRunnerTest.class.getClassLoader())
        .run();
  }
}
