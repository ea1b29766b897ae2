package io.shoal.driver.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code shoal sql -f FILE}: runs a script's statements in order on one connection and prints each
 * result as tab-separated lines (a header, then one line per row, NULL for null), so it works the
 * same with or without a terminal. The first failure stops the script: one line on stderr naming
 * the file, the line the statement starts on, the message and its SQLState, and exit code 1.
 * SQLLine's {@code !quit} ends the script; other {@code !} commands are skipped.
 */
final class SqlScript {
  /** One statement and the line (1-based) it starts on. */
  record Piece(String sql, int line) {}

  private SqlScript() {}

  /** Runs every statement of {@code text}; the exit code (0 all ran, 1 one failed). */
  static int run(Connection c, String name, String text, PrintStream out, PrintStream err) {
    for (Piece p : split(text)) {
      try (Statement st = c.createStatement()) {
        if (st.execute(p.sql())) {
          try (ResultSet rs = st.getResultSet()) {
            print(rs, out);
          }
        } else {
          out.println("(" + Math.max(0, st.getUpdateCount()) + " rows affected)");
        }
      } catch (SQLException e) {
        out.flush();
        err.println("shoal sql: " + name + " line " + p.line() + ": " + oneLine(e));
        return 1;
      }
    }
    out.flush();
    return 0;
  }

  /** The message and SQLState of a failure, on one line. */
  static String oneLine(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s*\\R\\s*", " ").trim();
    return m + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
  }

  private static void print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    StringBuilder line = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      if (i > 1) line.append('\t');
      line.append(cell(md.getColumnLabel(i)));
    }
    out.println(line);
    long rows = 0;
    while (rs.next()) {
      line.setLength(0);
      for (int i = 1; i <= n; i++) {
        if (i > 1) line.append('\t');
        Object v = rs.getObject(i);
        line.append(v == null ? "NULL" : cell(rs.getString(i)));
      }
      out.println(line);
      rows++;
    }
    out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
    out.println();
  }

  /** A value on one line: tabs, newlines and backslashes escaped, as in PostgreSQL's text format. */
  static String cell(String v) {
    if (v == null) return "NULL";
    StringBuilder b = new StringBuilder(v.length());
    for (char ch : v.toCharArray()) {
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /**
   * The statements of a script: split at semicolons outside quotes ('...', "...") and comments
   * (-- to the end of the line, /* ... *&#47;); blank statements are dropped. A line that starts with
   * {@code !} outside a statement is a SQLLine command: {@code !quit} ends the script.
   */
  static List<Piece> split(String text) {
    List<Piece> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int line = 1;
    int start = -1;
    int i = 0;
    int len = text.length();
    while (i < len) {
      char ch = text.charAt(i);
      if (cur.toString().isBlank() && (i == 0 || text.charAt(i - 1) == '\n')) {
        int j = i;
        while (j < len && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
        if (j < len && text.charAt(j) == '!') {
          int eol = text.indexOf('\n', j);
          String command = text.substring(j + 1, eol < 0 ? len : eol).trim();
          if (command.equalsIgnoreCase("quit") || command.equalsIgnoreCase("q")
              || command.equalsIgnoreCase("exit")) {
            return out;
          }
          i = eol < 0 ? len : eol;
          continue;
        }
      }
      if (ch == '\n') line++;
      if (ch == '\'' || ch == '"') {
        int j = i + 1;
        while (j < len) {
          char cj = text.charAt(j);
          if (cj == '\n') line++;
          if (cj == ch) {
            if (j + 1 < len && text.charAt(j + 1) == ch) {
              j += 2; // doubled quote
              continue;
            }
            break;
          }
          j++;
        }
        if (start < 0) start = lineAt(text, i);
        cur.append(text, i, Math.min(len, j + 1));
        i = j + 1;
        continue;
      }
      if (ch == '-' && i + 1 < len && text.charAt(i + 1) == '-') {
        int eol = text.indexOf('\n', i);
        i = eol < 0 ? len : eol; // the newline itself is handled next round
        continue;
      }
      if (ch == '/' && i + 1 < len && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        int stop = end < 0 ? len : end + 2;
        for (int k = i; k < stop; k++) if (text.charAt(k) == '\n') line++;
        cur.append(' ');
        i = stop;
        continue;
      }
      if (ch == ';') {
        add(out, cur, start);
        cur.setLength(0);
        start = -1;
        i++;
        continue;
      }
      if (start < 0 && !Character.isWhitespace(ch)) start = line;
      cur.append(ch);
      i++;
    }
    add(out, cur, start);
    return out;
  }

  private static int lineAt(String text, int index) {
    int n = 1;
    for (int k = 0; k < index; k++) if (text.charAt(k) == '\n') n++;
    return n;
  }

  private static void add(List<Piece> out, StringBuilder cur, int start) {
    String sql = cur.toString().trim();
    if (!sql.isEmpty()) out.add(new Piece(sql, start < 0 ? 1 : start));
  }
}
