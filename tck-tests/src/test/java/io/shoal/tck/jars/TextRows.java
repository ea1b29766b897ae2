package io.shoal.tck.jars;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query results as text, so a program in another JVM (a Shoal jar alone, Spark) can hand them to a
 * test: one line per row, cells separated by tabs, NULL as {@code \N}, numbers in plain notation
 * without trailing zeros, dates and timestamps in ISO form. Spark's probe writes the same format.
 */
public final class TextRows {
  private TextRows() {}

  /** One cell in the shared format. */
  public static String cell(Object o) {
    if (o == null) return "\\N";
    if (o instanceof Double || o instanceof Float) return Double.toString(((Number) o).doubleValue());
    if (o instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
    if (o instanceof BigInteger b) return b.toString();
    if (o instanceof Number n) return Long.toString(n.longValue());
    if (o instanceof java.sql.Date d) return d.toLocalDate().toString();
    if (o instanceof java.sql.Timestamp t) return t.toLocalDateTime().toString();
    if (o instanceof LocalDate || o instanceof LocalDateTime) return o.toString();
    return o.toString().replace('\t', ' ').replace('\n', ' ');
  }

  /** The sections ({@code #name} then lines) of a probe's output file. */
  public static Map<String, List<String>> sections(Path file) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("#")) {
        current = new ArrayList<>();
        out.put(line.substring(1), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    return out;
  }

  /** The rows of {@code sql} on {@code c} in the shared format. */
  public static List<String> query(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (int col = 1; col <= n; col++) {
          line.append(col > 1 ? "\t" : "").append(cell(rs.getObject(col)));
        }
        out.add(line.toString());
      }
    }
    return out;
  }

  /**
   * Null when both hold the same rows in any order, numbers equal within 1e-9 relative (floating
   * sums and averages differ in the last digits between engines); else the first difference.
   */
  public static String difference(List<String> expected, List<String> actual) {
    if (expected.size() != actual.size()) {
      return "row count: expected " + expected.size() + ", got " + actual.size()
          + "; expected first " + expected.subList(0, Math.min(3, expected.size()))
          + ", got first " + actual.subList(0, Math.min(3, actual.size()));
    }
    List<String> e = new ArrayList<>(expected);
    List<String> a = new ArrayList<>(actual);
    e.sort(null);
    a.sort(null);
    for (int r = 0; r < e.size(); r++) {
      String[] ec = e.get(r).split("\t", -1);
      String[] ac = a.get(r).split("\t", -1);
      if (ec.length != ac.length) {
        return "row " + r + ": expected " + e.get(r) + ", got " + a.get(r);
      }
      for (int c = 0; c < ec.length; c++) {
        if (!same(ec[c], ac[c])) {
          return "row " + r + " column " + (c + 1) + ": expected " + e.get(r) + ", got " + a.get(r);
        }
      }
    }
    return null;
  }

  private static boolean same(String x, String y) {
    if (x.equals(y)) return true;
    try {
      BigDecimal a = new BigDecimal(x);
      BigDecimal b = new BigDecimal(y);
      BigDecimal scale = a.abs().max(b.abs()).max(BigDecimal.ONE);
      return a.subtract(b).abs().compareTo(scale.multiply(new BigDecimal("1e-9"))) <= 0;
    } catch (NumberFormatException notNumbers) {
      return false;
    }
  }
}
