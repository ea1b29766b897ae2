package io.shoal.site;

import java.sql.SQLException;

/** Turns DuckDB's exceptions into {@link SiteException}s a caller can act on. */
final class DuckErrors {
  private DuckErrors() {}

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  /** DuckDB prefixes its messages with the error class: "Binder Error: ...", "IO Error: ...". */
  static SiteException classify(SQLException e, String doing) {
    String m = e.getMessage() == null ? "" : e.getMessage().strip();
    SiteException.Kind kind;
    if (m.startsWith("Parser Error") || m.startsWith("Binder Error") || m.startsWith("Catalog Error")
        || m.startsWith("Conversion Error") || m.startsWith("Not implemented Error")
        || m.startsWith("Invalid Input Error: Values were not provided")
        || m.startsWith("Invalid Input Error: Could not find parameter")) {
      kind = SiteException.Kind.INVALID_SQL;
    } else if (m.startsWith("Permission Error")) {
      kind = SiteException.Kind.REFUSED;
    } else if (m.startsWith("INTERRUPT") || m.contains("Interrupted")) {
      kind = SiteException.Kind.CANCELLED;
    } else if (m.startsWith("IO Error") || m.startsWith("Invalid Input Error") || m.startsWith("Invalid Error")) {
      kind = SiteException.Kind.DATA_ERROR;
    } else if (m.startsWith("Out of Range Error") || m.startsWith("Constraint Error")) {
      kind = SiteException.Kind.INVALID_SQL;
    } else {
      kind = SiteException.Kind.INTERNAL;
    }
    return new SiteException(kind, (doing.isEmpty() ? "" : doing + ": ") + m, e);
  }
}
