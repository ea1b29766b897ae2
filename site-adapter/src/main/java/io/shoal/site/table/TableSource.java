package io.shoal.site.table;

import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One configured table and how DuckDB reads it. Parquet, CSV and native tables are registered once
 * as views at start-up; Iceberg tables are bound per fragment, so that each fragment reads one
 * pinned snapshot and only the files its predicates need.
 */
public interface TableSource extends AutoCloseable {

  /** The table's name at this site. */
  String name();

  /** Called once at start-up, before DuckDB is locked down (e.g. CREATE VIEW over a glob). */
  void register(Connection duckdb) throws SQLException;

  /**
   * For a fragment that reads this table: the body of a TEMP VIEW named {@link #name()} that the
   * fragment's own connection creates before running it. Empty for tables registered once.
   */
  Optional<QueryBinding> bind(ParsedFragment fragment) throws SiteException;

  /**
   * For {@code cache: memory}: the version of the rows a read would see now and a SELECT of all of
   * them. Empty when the table cannot be cached at the moment (e.g. an Iceberg table without a
   * snapshot); the fragment then reads the files.
   */
  default Optional<CacheVersion> currentVersion() throws SiteException {
    return Optional.empty();
  }

  /** Columns, row count, distribution, keys and snapshot, for the coordinator. */
  TableInfo describe() throws SiteException;

  @Override
  default void close() {}
}
