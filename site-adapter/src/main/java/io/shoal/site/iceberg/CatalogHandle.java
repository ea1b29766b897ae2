package io.shoal.site.iceberg;

import io.shoal.site.SiteException;
import io.shoal.site.store.StoreErrors;
import java.util.function.Supplier;
import org.apache.iceberg.catalog.Catalog;

/**
 * A site's catalog, opened on first use and opened again after a failure: a REST catalog that is
 * down when the site starts must fail only the queries on its tables, and serve them once it is
 * back, without a restart.
 */
public final class CatalogHandle implements AutoCloseable {
  /** After a failed open, the same error is given for this long without asking again. */
  static final long RETRY_NANOS = 2_000_000_000L;

  private final String site;
  private final Supplier<Catalog> opener;
  private final StoreErrors.Endpoints endpoints;
  private Catalog catalog;
  private RuntimeException lastFailure;
  private long failedAt;

  public CatalogHandle(String site, Supplier<Catalog> opener, StoreErrors.Endpoints endpoints) {
    this.site = site;
    this.opener = opener;
    this.endpoints = endpoints;
  }

  /** An already open catalog (tests, the importer). */
  public static CatalogHandle of(Catalog catalog) {
    CatalogHandle h = new CatalogHandle("site", () -> catalog, StoreErrors.Endpoints.NONE);
    h.catalog = catalog;
    return h;
  }

  public StoreErrors.Endpoints endpoints() {
    return endpoints;
  }

  /** The open catalog; {@code table} names the table that needs it, for the error. */
  public synchronized Catalog get(String table) throws SiteException {
    if (catalog != null) return catalog;
    if (lastFailure != null && System.nanoTime() - failedAt < RETRY_NANOS) {
      throw StoreErrors.of(site, table, "open the catalog", lastFailure, endpoints);
    }
    try {
      catalog = opener.get();
      lastFailure = null;
      return catalog;
    } catch (RuntimeException e) {
      lastFailure = e;
      failedAt = System.nanoTime();
      throw StoreErrors.of(site, table, "open the catalog", e, endpoints);
    }
  }

  @Override
  public synchronized void close() {
    if (catalog instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception ignored) {
        // stopping
      }
    }
  }
}
