package io.shoal.site.table;

import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Distribution;
import io.shoal.protocol.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What DuckDB can tell about a registered view: its columns and row count. */
public final class DuckCatalog {

  /** The alias under which the site's own DuckDB file is attached, read-only. */
  public static final String SITE_DB = "site_db";

  private DuckCatalog() {}

  public static TableInfo describe(
      Connection duckdb,
      String view,
      String format,
      Distribution distribution,
      Map<String, String> keys,
      Long snapshotId)
      throws SQLException {
    List<ColumnInfo> columns = new ArrayList<>();
    try (var st = duckdb.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + Sql.ident(view))) {
      while (rs.next()) {
        columns.add(new ColumnInfo(rs.getString("column_name"), rs.getString("column_type"), true));
      }
    }
    long rows;
    try (var st = duckdb.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Sql.ident(view))) {
      rs.next();
      rows = rs.getLong(1);
    }
    return new TableInfo(view, format, List.copyOf(columns), rows, distribution, keys, snapshotId);
  }
}
