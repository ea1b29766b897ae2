package io.shoal.site;

import io.shoal.site.duck.DuckErrors;
import io.shoal.site.duck.ErrorText;

/**
 * What a server may tell its caller about a failure that did not come from a {@link Site} call as
 * a {@link SiteException}: the site's own error mapping, so that no value of the data and no server
 * path leaks through a path the site did not foresee.
 */
public final class SiteErrors {
  private SiteErrors() {}

  /**
   * Any failure as the site would have reported it: its kind from the engine's message (e.g. a
   * failed cast raised inside Arrow while batches were read) and a message safe for the caller.
   * {@link SiteException.Kind#INTERNAL} when nothing in it is recognised.
   */
  public static SiteException of(Throwable t) {
    if (t instanceof SiteException s) return s;
    if (t.getCause() instanceof SiteException s) return s;
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return DuckErrors.classify(msg, t, "");
  }

  /** A message the site produced, with absolute server paths cut to their last part. */
  public static String withoutPaths(String message) {
    return ErrorText.withoutPaths(message);
  }
}
