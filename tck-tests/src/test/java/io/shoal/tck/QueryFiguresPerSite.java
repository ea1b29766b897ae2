package io.shoal.tck;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one query moved, per site, seen from both ends: the coordinator's {@code shoal.queries}
 * (rows received, fragments sent, status) and each site's own audit log file (rows sent, one line
 * per fragment run).
 */
final class QueryFiguresPerSite {
  /** One site's figures for one query. */
  record Figures(long rows, long fragments, String status) {}

  private QueryFiguresPerSite() {}

  /** The id of the newest run of {@code sql} in shoal.queries. */
  static String queryId(Connection c, String sql) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT query_id FROM shoal.queries WHERE query_text = ? ORDER BY started DESC LIMIT 1")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new AssertionError("shoal.queries has no " + sql);
        return rs.getString(1);
      }
    }
  }

  /** shoal.queries for query {@code id}: per site, rows received and fragments sent. */
  static Map<String, Figures> coordinator(Connection c, String id) throws Exception {
    Map<String, Figures> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT site, rows_received, fragments, site_status FROM shoal.queries WHERE query_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(1) != null) {
            out.put(rs.getString(1), new Figures(rs.getLong(2), rs.getLong(3), rs.getString(4)));
          }
        }
      }
    }
    return out;
  }

  /** The sites' audit files for query {@code id}: per site, rows sent and lines (fragments run). */
  static Map<String, Figures> audit(TestFederation fed, String id) throws Exception {
    Map<String, Figures> out = new TreeMap<>();
    for (String site : List.of("eu", "us", "apac")) {
      Path file = fed.root().resolve("tpch").resolve(site).resolve("audit.jsonl");
      long rows = 0;
      long lines = 0;
      List<String> statuses = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) continue;
        JsonNode n = Json.mapper().readTree(line);
        if (n.hasNonNull("query_id") && id.equals(n.get("query_id").asText())) {
          lines++;
          rows += n.path("rows").asLong();
          statuses.add(n.path("status").asText());
        }
      }
      if (lines > 0) out.put(site, new Figures(rows, lines, String.join(",", statuses)));
    }
    return out;
  }
}
