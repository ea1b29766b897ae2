package io.shoal.planner.plans;

import java.util.List;

/** A unified-style diff of two short texts, line by line (longest common subsequence). */
final class LineDiff {
  private LineDiff() {}

  /** Lines of {@code expected} and {@code actual}: {@code " "} kept, {@code "-"} gone, {@code "+"} new. */
  static String diff(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j))
            ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.append("  ").append(a.get(i++)).append('\n');
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.append("+ ").append(b.get(j++)).append('\n');
      } else {
        out.append("- ").append(a.get(i++)).append('\n');
      }
    }
    return out.toString();
  }
}
