package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppSpecTest {
  @Test
  void argumentsSurviveWithoutShellQuoting() throws IOException {
    AppSpec spec = new AppSpec("a.b.Main", List.of("in put", "--x=\"y\"", "", "$HOME;rm"));
    StringWriter out = new StringWriter();
    spec.writeTo(out);
    assertThat(AppSpec.readFrom(new StringReader(out.toString()))).isEqualTo(spec);
  }
}
