package io.shoal.tck.jars;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A JDBC program run in a JVM of its own whose classpath is a Shoal jar (plus this class): it uses
 * nothing but java.sql, as an application would. {@code JdbcProbe OUT URL NAME=SQL...} runs each
 * query at fetch size 0 and writes, per query, {@code #NAME} and then either its rows in {@link
 * TextRows}'s format or one line {@code !SQLSTATE message}.
 */
public final class JdbcProbe {
  private JdbcProbe() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    String url = args[1];
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      Connection c;
      try {
        c = DriverManager.getConnection(url);
      } catch (SQLException e) {
        w.println("#connect");
        w.println("!" + e.getSQLState() + " " + e.getMessage());
        return;
      }
      try (c) {
        for (int i = 2; i < args.length; i++) {
          int eq = args[i].indexOf('=');
          w.println("#" + args[i].substring(0, eq));
          try (Statement st = c.createStatement()) {
            st.setFetchSize(0);
            try (ResultSet rs = st.executeQuery(args[i].substring(eq + 1))) {
              int n = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int col = 1; col <= n; col++) {
                  line.append(col > 1 ? "\t" : "").append(TextRows.cell(rs.getObject(col)));
                }
                w.println(line);
              }
            }
          } catch (SQLException e) {
            w.println("!" + e.getSQLState() + " " + String.valueOf(e.getMessage()).replace('\n', ' '));
          } catch (Throwable t) {
            w.println("!THROWABLE " + t);
          }
        }
      }
    }
  }
}
