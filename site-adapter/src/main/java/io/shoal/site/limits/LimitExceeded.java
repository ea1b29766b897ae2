package io.shoal.site.limits;

import io.shoal.site.SiteException;

/**
 * A fragment refused or stopped by one of the site's {@link SiteLimits}: the message names the
 * limit and the site and says what to do; the SQLState says which kind of limit.
 */
public final class LimitExceeded extends SiteException {
  private final String limit;
  private final String sqlState;

  public LimitExceeded(String limit, String sqlState, String message) {
    super(Kind.LIMIT, message);
    this.limit = limit;
    this.sqlState = sqlState;
  }

  /** The YAML key of the limit, e.g. {@code fragment-wall-time}. */
  public String limit() {
    return limit;
  }

  /** 53000 (capacity: retry later), 54000 (a fragment's limit) or 54001 (statement too large). */
  public String sqlState() {
    return sqlState;
  }
}
