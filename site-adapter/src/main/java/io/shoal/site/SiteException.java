package io.shoal.site;

import java.util.Set;
import java.util.TreeSet;

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
    /** A value could not be converted to the type a cast or function needs (22018). */
    CONVERSION,
    /**
     * A value of the data made an expression fail: a division by zero (22012), an overflow (22003).
     * The SQLState is chosen where the failure is classified.
     */
    DATA_VALUE,
    /** A construct DuckDB or the site does not support (0A000). */
    UNSUPPORTED,
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
  /** The rule that refused, e.g. {@code guard:function} or {@code policy:denied-column}; null otherwise. */
  private String rule;
  /** A SQLState chosen where the failure happened (e.g. 08001 for an unreachable object store), else null. */
  private String sqlState;
  /** The tables the binder resolved before the failure, for the audit line. */
  private Set<String> tables = Set.of();

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

  public String rule() {
    return rule;
  }

  public SiteException withRule(String rule) {
    this.rule = rule;
    return this;
  }

  /** The SQLState this failure carries, or null to derive it from the kind. */
  public String sqlState() {
    return sqlState;
  }

  public SiteException withSqlState(String state) {
    this.sqlState = state;
    return this;
  }

  public Set<String> tables() {
    return tables;
  }

  public SiteException withTables(Set<String> tables) {
    this.tables = Set.copyOf(new TreeSet<>(tables));
    return this;
  }
}
