package io.shoal.site.duck;

import io.shoal.site.SiteException;
import io.shoal.protocol.SqlStates;
import java.sql.SQLException;

/** Turns DuckDB's exceptions into {@link SiteException}s a caller can act on: the one place for it. */
public final class DuckErrors {
  private DuckErrors() {}

  public static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  /** DuckDB prefixes its messages with the error class: "Binder Error: ...", "IO Error: ...". */
  static SiteException classify(SQLException e, String doing) {
    return classify(e.getMessage(), e, doing);
  }

  /**
   * The same for a failure that surfaced elsewhere (e.g. while Arrow batches were exported, as a
   * wrapped native error): its DuckDB message decides the kind.
   */
  public static SiteException classify(String message, Throwable cause, String doing) {
    String m = ErrorText.unwrap(message == null ? "" : message);
    SiteException.Kind kind;
    String state = null;
    if (m.startsWith("Conversion Error")) {
      kind = SiteException.Kind.CONVERSION;
    } else if (m.startsWith("Invalid Input Error: Division by zero")) {
      kind = SiteException.Kind.DATA_VALUE;
      state = SqlStates.DIVISION_BY_ZERO;
    } else if (m.startsWith("Out of Range Error")) {
      kind = SiteException.Kind.DATA_VALUE;
      state = SqlStates.NUMERIC_OUT_OF_RANGE;
    } else if (m.startsWith("Not implemented Error")) {
      kind = SiteException.Kind.UNSUPPORTED;
    } else if (m.startsWith("Parser Error") || m.startsWith("Binder Error") || m.startsWith("Catalog Error")
        || m.startsWith("Invalid Input Error: Values were not provided")
        || m.startsWith("Invalid Input Error: Could not find parameter")) {
      kind = SiteException.Kind.INVALID_SQL;
    } else if (m.startsWith("Permission Error")) {
      kind = SiteException.Kind.REFUSED;
    } else if (m.startsWith("INTERRUPT") || m.contains("Interrupted")) {
      kind = SiteException.Kind.CANCELLED;
    } else if (m.startsWith("IO Error") || m.startsWith("Invalid Input Error") || m.startsWith("Invalid Error")) {
      kind = SiteException.Kind.DATA_ERROR;
    } else if (m.startsWith("Constraint Error")) {
      kind = SiteException.Kind.INVALID_SQL;
    } else {
      kind = SiteException.Kind.INTERNAL;
    }
    // The cause stays for the site's own log; the message is what a caller may read.
    return new SiteException(kind, (doing.isEmpty() ? "" : doing + ": ") + ErrorText.forCaller(m), cause)
        .withSqlState(state);
  }

  /**
   * Whether DuckDB's JDBC driver lost the engine's own error: duckdb_jdbc 2.0.0.1 reports any error
   * raised while a streaming result computes its first batch as "Invalid result set".
   */
  static boolean lostByTheDriver(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("Invalid Input Error: Invalid result set");
  }

  /**
   * A {@code ?} DuckDB could not type from where it stands ({@code sum(amount * ?)}): it would fail
   * later with an internal error that names nothing.
   */
  public static SiteException untypedParameter(int index) {
    return new SiteException(SiteException.Kind.INVALID_SQL, ErrorText.untypedParameter(index))
        .withSqlState(SqlStates.INDETERMINATE_PARAMETER);
  }
}
