package io.shoal.site.table;

import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import io.shoal.site.config.TableConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A table whose rows DuckDB reads directly: a Parquet or CSV glob, or a table of the site's own
 * DuckDB file. Registered once as a view; the view is re-read by every query, so new files matching
 * a glob show up without a restart.
 */
public final class FileTableSource implements TableSource {

  private final String name;
  private final TableConfig config;
  private TableInfo info;

  public FileTableSource(String name, TableConfig config) {
    this.name = name;
    this.config = config;
  }

  @Override
  public String name() {
    return name;
  }

  /** The SELECT the view stands for. */
  String body() {
    if (config.parquet() != null) {
      return "SELECT * FROM read_parquet(" + Sql.literal(config.parquet()) + ")";
    }
    if (config.csv() != null) {
      return "SELECT * FROM read_csv(" + Sql.literal(config.csv()) + ", header = true)";
    }
    return "SELECT * FROM " + Sql.ident(DuckCatalog.SITE_DB) + ".main." + Sql.ident(config.duckdb());
  }

  @Override
  public void register(Connection duckdb) throws SQLException {
    try (var st = duckdb.createStatement()) {
      st.execute("CREATE OR REPLACE VIEW " + Sql.ident(name) + " AS " + body());
    }
    info = DuckCatalog.describe(duckdb, name, config.format(), config.distribution(), config.keys(), null);
  }

  @Override
  public Optional<QueryBinding> bind(ParsedFragment fragment) {
    return Optional.empty();
  }

  @Override
  public TableInfo describe() throws SiteException {
    if (info == null) throw new SiteException(SiteException.Kind.INTERNAL, "table " + name + " is not registered");
    return info;
  }
}
