package io.shoal.tck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a federated query sends where: its EXPLAIN fragments and the bytes each site returned. */
final class Plans {
  private static final Pattern FRAGMENT =
      Pattern.compile("SiteToEnumerableConverter\\(site=\\[(\\w+)], sql=\\[(.*?)]\\)\\n?");

  private Plans() {}

  static String explain(Connection federation, String sql) throws Exception {
    try (Statement st = federation.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) b.append(rs.getString(1));
      return b.toString();
    }
  }

  /** {site, fragment SQL} in plan order. */
  static List<String[]> fragments(String plan) {
    Matcher m = FRAGMENT.matcher(plan);
    List<String[]> out = new ArrayList<>();
    while (m.find()) out.add(new String[] {m.group(1), m.group(2)});
    return out;
  }

  /** Fragment SQL in plan order. */
  static List<String> fragmentSql(String plan) {
    List<String> out = new ArrayList<>();
    for (String[] f : fragments(plan)) out.add(f[1]);
    return out;
  }

  /** Runs a query to the end, then reads what each site sent for it from shoal.queries. */
  static Map<String, Long> bytesPerSite(Connection federation, String sql) throws Exception {
    return perSite(federation, sql, "bytes");
  }

  /**
   * Runs {@code sql} to the end, then sums {@code column} of shoal.queries per site over the rows of
   * its newest run (a site's bytes, store_bytes, ...).
   */
  static Map<String, Long> perSite(Connection c, String sql, String column) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        // drain: figures are counted as batches arrive
      }
    }
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT site, " + column + " FROM shoal.queries WHERE query_text = ? AND started = "
            + "(SELECT max(started) FROM shoal.queries WHERE query_text = ?)")) {
      ps.setString(1, sql);
      ps.setString(2, sql);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.merge(rs.getString(1), rs.getLong(2), Long::sum);
      }
    }
    return out;
  }
}
