package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiagnosticsTest {
  @Test
  void shortTextIsKept() {
    assertThat(Diagnostics.truncate("boom", 4)).isEqualTo("boom");
  }

  @Test
  void longTextKeepsItsStartAndSaysItWasTruncated() {
    String text = "root cause: disk full; " + "x".repeat(5000);
    String cut = Diagnostics.truncate(text, 300);
    assertThat(cut.length()).isBetween(290, 300);
    assertThat(cut)
        .startsWith("root cause: disk full; xxx")
        .endsWith(
            "[truncated: "
                + (text.length() - cut.indexOf(" ... [truncated"))
                + " more characters; see the ApplicationMaster's log, or raise"
                + " ember.yarn.am.diagnosticsMaxChars]");
  }

  @Test
  void aLimitTooSmallForTheNoteKeepsOnlyTheStart() {
    assertThat(Diagnostics.truncate("abcdefghij", 3)).isEqualTo("abc");
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> Diagnostics.truncate("a", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
