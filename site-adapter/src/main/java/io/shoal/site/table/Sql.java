package io.shoal.site.table;

/** Quoting for the few SQL texts a site writes itself (view definitions). */
public final class Sql {
  private Sql() {}

  /** A DuckDB string literal. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A DuckDB quoted identifier. */
  public static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
