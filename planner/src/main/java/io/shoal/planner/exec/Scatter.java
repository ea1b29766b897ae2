package io.shoal.planner.exec;

import io.shoal.planner.client.SiteClient;
import io.shoal.protocol.SiteInfo;
import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What a query's run needs from the federation it runs on: the sites' clients and metadata, the
 * threads that fetch from them, and who is asking. The federation ({@code io.shoal.planner.Federation})
 * implements it; the run reaches it through {@link QueryRun}, never through a schema lookup.
 */
public interface Scatter {
  /** The Flight client of a site (created on first use); unknown sites fail with 42S02. */
  SiteClient client(String site);

  /** A site's metadata, or null when it was down at connect time. */
  SiteInfo siteInfo(String site);

  /** The threads that fetch fragments side by side. */
  ExecutorService executor();

  /** The principal every fragment is sent as (the connection's user), or null. */
  String principal();

  /** Whether a site that fails is left out with a warning rather than failing the query. */
  boolean partialResults();

  /** Records the outcome of a request to a site, for {@code shoal.sites}. */
  void recordLatency(String site, long millis, String status);

  /** Warnings for sites that were down when the connection opened (partialResults only). */
  List<SQLWarning> missingSiteWarnings();
}
