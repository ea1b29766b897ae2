package io.shoal.protocol;

/** Names of the Shoal-specific Flight actions a site answers besides plain Flight SQL. */
public final class SiteActions {
  /** Returns {@link SiteInfo} as JSON (UTF-8) in a single result. */
  public static final String SITE_INFO = "shoal.site-info";

  private SiteActions() {}
}
