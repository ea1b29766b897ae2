package io.shoal.protocol;

/** Names of the Shoal-specific Flight actions a site answers besides plain Flight SQL. */
public final class SiteActions {
  /** Returns {@link SiteInfo} as JSON (UTF-8) in a single result. */
  public static final String SITE_INFO = "shoal.site-info";

  /**
   * Returns the site's audit log, oldest line first, as JSON lines (UTF-8, one record per line, the
   * fields of the site's AuditRecord), split over results of at most {@link #AUDIT_LINES_PER_RESULT}
   * lines. Lines a crash cut short are left out.
   */
  public static final String AUDIT = "shoal.audit";

  public static final int AUDIT_LINES_PER_RESULT = 1000;

  private SiteActions() {}
}
