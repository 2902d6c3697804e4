package dev.ember.conf;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known key closest to a mistyped one, for "did you mean ...?" hints (airlift's {@code
 * Bootstrap} and Flink report unknown keys the same way).
 */
final class KeySuggester {
  /**
   * Keys are long and share their prefix ({@code ember.}), so a small absolute bound catches the
   * usual typos (a dropped, doubled or swapped letter, a wrong case) without pointing at an
   * unrelated option.
   */
  static final int MAX_DISTANCE = 3;

  private KeySuggester() {}

  /**
   * The known key closest to {@code unknown} within {@link #MAX_DISTANCE}; ties go to the first.
   */
  static Optional<String> suggest(String unknown, Collection<String> known) {
    String target = unknown.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    for (String candidate : known) {
      int d = distance(target, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring):
   * the number of insertions, deletions, substitutions and adjacent transpositions from {@code a}
   * to {@code b}.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
