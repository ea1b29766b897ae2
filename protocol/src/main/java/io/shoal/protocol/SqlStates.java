package io.shoal.protocol;

/** The SQLStates Shoal reports, one place for both sides (see DESIGN.md, Errors). */
public final class SqlStates {
  public static final String SYNTAX_ERROR = "42000";
  public static final String UNKNOWN_TABLE = "42S02";
  public static final String UNKNOWN_COLUMN = "42S22";
  public static final String POLICY_FORBIDS = "42501";
  public static final String SITE_UNREACHABLE = "08001";
  public static final String CONNECTION_LOST = "08006";
  public static final String AUTH_FAILED = "28000";
  public static final String CANCELLED = "57014";
  public static final String TIMED_OUT = "HYT00";
  public static final String DATA_EXCEPTION = "22000";
  /** A value could not be converted (the value itself is never in the message). */
  public static final String CONVERSION_FAILED = "22018";
  /** A division by zero in the data (the values are never in the message). */
  public static final String DIVISION_BY_ZERO = "22012";
  /** A numeric result out of its type's range, e.g. an overflow in a SUM or a product. */
  public static final String NUMERIC_OUT_OF_RANGE = "22003";
  /** A {@code ?} whose type DuckDB cannot infer from where it stands: write CAST(? AS type). */
  public static final String INDETERMINATE_PARAMETER = "42P18";
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  public static final String READ_ONLY = "25006";
  public static final String INTERNAL_ERROR = "XX000";
  /** A site limit that protects its capacity (concurrent fragments) was reached: retry later. */
  public static final String INSUFFICIENT_RESOURCES = "53000";
  /** A site limit on one fragment (wall time, stalled stream, prepared statements) was exceeded. */
  public static final String LIMIT_EXCEEDED = "54000";
  /** The statement is too large or too deeply nested to plan. */
  public static final String TOO_COMPLEX = "54001";

  private SqlStates() {}
}
