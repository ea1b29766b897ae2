package io.shoal.site;

/** A failure a site reports to its caller, with a kind the server maps to a Flight status. */
public class SiteException extends Exception {

  /** What went wrong, from the caller's point of view. */
  public enum Kind {
    /** The SQL does not parse or bind (Flight INVALID_ARGUMENT). */
    INVALID_SQL,
    /** The statement is not allowed here: not a SELECT, outside the data folder, policy (PERMISSION_DENIED). */
    REFUSED,
    /** Unknown table (NOT_FOUND). */
    NOT_FOUND,
    /** Data could not be read: missing or corrupt file, unsupported delete files (INTERNAL). */
    DATA_ERROR,
    /** The caller cancelled (CANCELLED). */
    CANCELLED,
    /** A site limit stopped or refused the fragment (RESOURCE_EXHAUSTED); see {@code limits.LimitExceeded}. */
    LIMIT,
    /** A bug or an unexpected state (INTERNAL). */
    INTERNAL
  }

  private final Kind kind;

  public SiteException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SiteException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
