package io.shoal.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Shoal from any Java program: plain JDBC, nothing Shoal-specific but the URL. Run with the driver
 * jar on the class path and {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, e.g.
 * {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -cp shoal-jdbc.jar:. EmbedDriver
 * jdbc:shoal:config=shoal-demo/coordinator.yaml}.
 */
public final class EmbedDriver {
  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "jdbc:shoal:config=shoal-demo/coordinator.yaml";
    String sql = "SELECT _site, COUNT(*) AS orders FROM orders GROUP BY _site ORDER BY _site";
    try (Connection conn = DriverManager.getConnection(url);
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        System.out.println(rs.getString("_site") + "\t" + rs.getLong("orders"));
      }
    }
  }
}
