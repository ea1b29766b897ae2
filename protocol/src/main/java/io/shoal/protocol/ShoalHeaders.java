package io.shoal.protocol;

/** Call headers the coordinator sets on every request to a site. */
public final class ShoalHeaders {
  /** Identifies one federated query across all its fragments and all sites' audit logs. */
  public static final String QUERY_ID = "x-shoal-query-id";
  /** The end user on whose behalf the coordinator asks; the site may apply a per-principal policy. */
  public static final String PRINCIPAL = "x-shoal-principal";

  private ShoalHeaders() {}
}
