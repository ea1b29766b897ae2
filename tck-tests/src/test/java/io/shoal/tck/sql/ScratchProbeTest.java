package io.shoal.tck.sql;

import io.shoal.tck.TestFederation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ScratchProbeTest {
  @Test
  void probe() throws Exception {
    TestFederation f = TestFederation.get();
    String text = Files.readString(Path.of(System.getProperty("probe", "/tmp/q.sql")));
    try (Connection fed = f.federation(); Connection ora = f.oracle()) {
      for (String q : text.split("\n;\n")) {
        q = q.strip();
        if (q.isEmpty()) continue;
        System.out.println("=== " + q);
        System.out.println("  duck: " + run(ora, q));
        System.out.println("  shoal: " + run(fed, q));
        if (Boolean.getBoolean("explain")) System.out.println("  plan: " + run(fed, "EXPLAIN PLAN FOR " + q));
      }
    }
  }

  static String run(Connection c, String q) {
    StringBuilder b = new StringBuilder();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
      int n = rs.getMetaData().getColumnCount();
      int rows = 0;
      while (rs.next() && rows++ < 4) {
        for (int i = 1; i <= n; i++) b.append(rs.getObject(i)).append(i < n ? ", " : "; ");
      }
    } catch (Exception e) {
      Throwable t = e;
      b.append("ERR ").append(String.valueOf(t.getMessage()).split("\n")[0]);
    }
    return b.toString();
  }
}
