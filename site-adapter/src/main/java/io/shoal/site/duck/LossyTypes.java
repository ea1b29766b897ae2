package io.shoal.site.duck;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * DuckDB result types whose Arrow export loses information without a trace in the Arrow schema:
 * TIME WITH TIME ZONE goes out as a plain TIME (the offset is dropped: 12:34:56+02 arrives as
 * 12:34:56), BIT as raw BLOB bytes in DuckDB's internal layout. Only DuckDB's own type names show
 * them, so the site checks those when it prepares a fragment and refuses with the cast to add,
 * rather than send a wrong value. (Types that Arrow does mark, such as ENUM or unsigned integers,
 * are checked on the Arrow schema by the Flight server.)
 */
final class LossyTypes {
  private LossyTypes() {}

  /** Null when no column has a lossy type, else a one-line message naming the first one. */
  static String problem(ResultSetMetaData md) throws SQLException {
    if (md == null) return null;
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String type = md.getColumnTypeName(i);
      if (type == null) continue;
      String upper = type.toUpperCase(java.util.Locale.ROOT);
      String column = md.getColumnLabel(i);
      if (upper.contains("TIME WITH TIME ZONE") || upper.matches(".*\\bTIMETZ\\b.*")) {
        return refuse(column, type, "Arrow carries it without its offset",
            "CAST(... AS VARCHAR), or timezone('UTC', ...) for the UTC time");
      }
      if (upper.matches("(.*[^A-Z_])?BIT([^A-Z_].*)?") || upper.equals("BITSTRING")) {
        return refuse(column, type, "Arrow carries it as raw bytes in DuckDB's internal layout", "CAST(... AS VARCHAR)");
      }
    }
    return null;
  }

  private static String refuse(String column, String type, String why, String cast) {
    return "column \"" + column + "\" has type " + type + ", which this site does not send because " + why
        + "; cast it in the query, e.g. " + cast;
  }
}
