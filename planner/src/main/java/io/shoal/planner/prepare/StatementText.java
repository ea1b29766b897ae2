package io.shoal.planner.prepare;

import io.shoal.planner.errors.ShoalException;
import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the coordinator accepts as one statement's text before Calcite parses it: a trailing
 * semicolon (every SQL tool and script writes one; Calcite's parser rejects it) is dropped, and a
 * statement that would change something (DDL, DML) is refused with 25006 "read-only" rather than
 * Calcite's syntax error (CREATE) or "cannot plan" (INSERT).
 */
final class StatementText {
  private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("(?:\\s*;)+\\s*$");
  /** Leading whitespace and comments, then the first word. */
  private static final Pattern FIRST_WORD =
      Pattern.compile("^(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*(?s:.*?)\\*/|\\()*([A-Za-z]+)");
  private static final Set<String> WRITES = Set.of(
      "CREATE", "DROP", "ALTER", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "TRUNCATE",
      "REPLACE", "GRANT", "REVOKE", "COPY", "ATTACH", "DETACH", "INSTALL", "LOAD", "VACUUM", "COMMENT");

  private StatementText() {}

  /** The statement without its trailing semicolons. */
  static String withoutTrailingSemicolons(String sql) {
    Matcher m = TRAILING_SEMICOLONS.matcher(sql);
    return m.find() ? sql.substring(0, m.start()) : sql;
  }

  /** Refuses DDL and DML with 25006. */
  static void checkReadOnly(String sql) {
    Matcher m = FIRST_WORD.matcher(sql);
    if (m.find()) {
      String word = m.group(1).toUpperCase(Locale.ROOT);
      if (WRITES.contains(word)) {
        String message = "read-only: Shoal runs queries only (SELECT, WITH, VALUES, EXPLAIN), not " + word
            + "; a site's data changes through the site's own tools (e.g. shoal import)";
        throw new ShoalException(SqlStates.READ_ONLY, null, message, new SQLException(message, SqlStates.READ_ONLY));
      }
    }
  }
}
