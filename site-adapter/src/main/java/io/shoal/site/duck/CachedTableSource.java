package io.shoal.site.duck;

import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import io.shoal.site.table.CacheVersion;
import io.shoal.site.table.ParsedFragment;
import io.shoal.site.table.QueryBinding;
import io.shoal.site.table.TableSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A table with {@code cache: memory}: each fragment pins the table's current version (Iceberg:
 * snapshot) and reads the in-memory copy if it holds that version, else the files as usual.
 */
final class CachedTableSource implements TableSource {
  private final TableSource inner;
  private final MemoryCache cache;

  CachedTableSource(TableSource inner, MemoryCache cache) {
    this.inner = inner;
    this.cache = cache;
  }

  TableSource inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void register(Connection duckdb) throws SQLException {
    inner.register(duckdb);
  }

  @Override
  public Optional<QueryBinding> bind(ParsedFragment fragment) throws SiteException {
    Optional<CacheVersion> v = inner.currentVersion();
    if (v.isPresent()) {
      QueryBinding cached = cache.bind(inner, v.get());
      if (cached != null) return Optional.of(cached);
    }
    return inner.bind(fragment);
  }

  @Override
  public Optional<CacheVersion> currentVersion() throws SiteException {
    return inner.currentVersion();
  }

  @Override
  public TableInfo describe() throws SiteException {
    return inner.describe();
  }

  @Override
  public void close() {
    inner.close();
  }
}
