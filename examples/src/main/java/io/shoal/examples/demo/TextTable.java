package io.shoal.examples.demo;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small result set rendered as an aligned text table: numbers right, text left. */
public final class TextTable {
  private final List<String> header;
  private final List<Boolean> numeric;
  private final List<List<String>> rows = new ArrayList<>();
  private long totalRows;

  public TextTable(List<String> header, List<Boolean> numeric) {
    this.header = List.copyOf(header);
    this.numeric = List.copyOf(numeric);
  }

  /** Reads the whole result set, keeping the first {@code maxRows} rows for display. */
  public static TextTable read(ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> header = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.add(md.getColumnLabel(i));
      numeric.add(isNumeric(md.getColumnType(i)));
    }
    TextTable t = new TextTable(header, numeric);
    while (rs.next()) {
      if (t.rows.size() < maxRows) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= header.size(); i++) {
          row.add(format(rs.getObject(i)));
        }
        t.rows.add(row);
      }
      t.totalRows++;
    }
    return t;
  }

  public void addRow(List<String> row) {
    rows.add(List.copyOf(row));
    totalRows++;
  }

  public long totalRows() {
    return totalRows;
  }

  public List<String> header() {
    return header;
  }

  public List<List<String>> rows() {
    return rows;
  }

  static boolean isNumeric(int sqlType) {
    return switch (sqlType) {
      case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT,
          java.sql.Types.DECIMAL, java.sql.Types.NUMERIC, java.sql.Types.REAL, java.sql.Types.FLOAT,
          java.sql.Types.DOUBLE -> true;
      default -> false;
    };
  }

  /** Plain, locale-independent text: no exponent notation, doubles to 2 decimals. */
  static String format(Object v) {
    if (v == null) return "NULL";
    if (v instanceof BigDecimal d) return d.toPlainString();
    if (v instanceof Double || v instanceof Float) {
      return String.format(Locale.ROOT, "%.2f", ((Number) v).doubleValue());
    }
    return v.toString().replace('\n', ' ');
  }

  /** The table as lines of text, with a row-count footer when rows were left out. */
  public String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> row : rows) width[i] = Math.max(width[i], row.get(i).length());
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width, false);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      if (i > 0) rule.append("-+-");
      rule.append("-".repeat(width[i]));
    }
    out.append(rule).append('\n');
    for (List<String> row : rows) line(out, row, width, true);
    if (totalRows > rows.size()) {
      out.append(String.format(Locale.ROOT, "(%,d rows, first %d shown)%n", totalRows, rows.size()));
    } else {
      out.append(String.format(Locale.ROOT, "(%,d row%s)%n", totalRows, totalRows == 1 ? "" : "s"));
    }
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] width, boolean alignNumbers) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      if (i > 0) l.append(" | ");
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      l.append(alignNumbers && numeric.get(i) ? pad + c : c + pad);
    }
    out.append(l.toString().stripTrailing()).append('\n');
  }
}
