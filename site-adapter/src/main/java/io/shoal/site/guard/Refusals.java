package io.shoal.site.guard;

import io.shoal.site.SiteException;

/** The guard's refusals: each names the rule that refused, for the caller and the audit line. */
final class Refusals {
  private Refusals() {}

  /** Which of the guard's rules refused a fragment. */
  enum Rule {
    /** Not exactly one SELECT. */
    STATEMENT("statement"),
    /** A function, operator or table function not on the allow-list. */
    FUNCTION("function"),
    /** A construct of the syntax tree the site does not know. */
    CONSTRUCT("construct"),
    /** A table that is not one of the site's (or is hidden from the principal). */
    TABLE("table"),
    /** The statement is larger than the site accepts. */
    SIZE("size");

    final String word;

    Rule(String word) {
      this.word = word;
    }
  }

  static SiteException refused(Rule rule, String message) {
    return new SiteException(SiteException.Kind.REFUSED, message).withRule("guard:" + rule.word);
  }
}
