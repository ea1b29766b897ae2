package io.shoal.driver;

/**
 * Lets people write {@code global.orders} as DESIGN.md promises: GLOBAL is a reserved word in
 * Calcite's SQL parser, so an unquoted {@code global} used as a qualifier (followed by a dot) is
 * quoted before the SQL reaches the planner. Strings, quoted identifiers and comments are left
 * alone; nothing else is rewritten.
 */
final class GlobalQualifier {
  private GlobalQualifier() {}

  static String rewrite(String sql) {
    if (sql == null || sql.toLowerCase(java.util.Locale.ROOT).indexOf("global") < 0) {
      return sql;
    }
    StringBuilder out = null;
    int n = sql.length();
    int i = 0;
    int copied = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          if (sql.charAt(j) == c) {
            if (j + 1 < n && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        i = j + 1;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int j = sql.indexOf('\n', i);
        i = j < 0 ? n : j + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int j = sql.indexOf("*/", i + 2);
        i = j < 0 ? n : j + 2;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
          j++;
        }
        if (j - i == 6 && sql.regionMatches(true, i, "global", 0, 6) && (i == 0 || sql.charAt(i - 1) != '.')) {
          int k = j;
          while (k < n && Character.isWhitespace(sql.charAt(k))) {
            k++;
          }
          if (k < n && sql.charAt(k) == '.') {
            if (out == null) {
              out = new StringBuilder(n + 2);
            }
            out.append(sql, copied, i).append("\"global\"");
            copied = j;
          }
        }
        i = j;
      } else {
        i++;
      }
    }
    if (out == null) {
      return sql;
    }
    return out.append(sql, copied, n).toString();
  }
}
