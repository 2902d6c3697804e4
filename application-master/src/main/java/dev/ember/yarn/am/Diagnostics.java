package dev.ember.yarn.am;

/**
 * Keeps the diagnostics an ApplicationMaster sends the ResourceManager within {@code
 * ember.yarn.am.diagnosticsMaxChars}: the RM stores them with the application (in its state store
 * too), so an unbounded stack trace or container log excerpt must not go there. The start of the
 * text is kept, because it names the root cause. Stateless.
 */
final class Diagnostics {
  private Diagnostics() {}

  /**
   * {@code text} if it has at most {@code maxChars} characters, else its start followed by a note
   * saying how many characters were cut, {@code maxChars} characters in all (or just the start when
   * {@code maxChars} is too small for the note).
   *
   * @throws IllegalArgumentException if {@code maxChars} is less than 1
   */
  static String truncate(String text, int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
    }
    if (text.length() <= maxChars) {
      return text;
    }
    // The note states how much was cut; sized with an upper bound of that count, it never makes
    // the result longer than maxChars.
    int kept = maxChars - note(text.length()).length();
    if (kept <= 0) {
      return text.substring(0, maxChars);
    }
    return text.substring(0, kept) + note(text.length() - kept);
  }

  private static String note(int cut) {
    return " ... [truncated: "
        + cut
        + " more characters; see the ApplicationMaster's log, or raise "
        + YarnOptions.AM_DIAGNOSTICS_MAX_CHARS.key()
        + "]";
  }
}
