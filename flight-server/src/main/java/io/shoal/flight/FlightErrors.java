package io.shoal.flight;

import io.shoal.protocol.SqlStates;
import io.shoal.site.SiteErrors;
import io.shoal.site.SiteException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.ErrorFlightMetadata;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/** Site failures as Flight statuses: the kind decides the code, the message travels unchanged. */
final class FlightErrors {
  /** Trailer that carries the SQLState, so Shoal's own client need not guess it from the code. */
  static final String SQLSTATE_HEADER = "x-shoal-sqlstate";

  private FlightErrors() {}

  static FlightRuntimeException of(SiteException e) {
    CallStatus status =
        switch (e.kind()) {
          case INVALID_SQL, CONVERSION, DATA_VALUE -> CallStatus.INVALID_ARGUMENT;
          case UNSUPPORTED -> CallStatus.UNIMPLEMENTED;
          case REFUSED -> CallStatus.UNAUTHORIZED; // gRPC PERMISSION_DENIED
          case NOT_FOUND -> CallStatus.NOT_FOUND;
          case CANCELLED -> CallStatus.CANCELLED;
          case DATA_ERROR, INTERNAL -> CallStatus.INTERNAL;
          case LIMIT -> CallStatus.RESOURCE_EXHAUSTED;
        };
    return status.withDescription(message(e)).withCause(e).withMetadata(sqlStateMetadata(sqlState(e))).toRuntimeException();
  }

  /** Anything that is not a SiteException is a bug or an I/O failure: INTERNAL, never a stack trace. */
  static FlightRuntimeException of(Throwable t) {
    if (t instanceof FlightRuntimeException f) return f;
    if (t instanceof SiteException s) return of(s);
    if (t.getCause() instanceof SiteException s) return of(s);
    // An engine error raised outside a site call (e.g. a failed cast in a later batch) keeps its kind.
    SiteException site = SiteErrors.of(t);
    if (site.kind() != SiteException.Kind.INTERNAL) return of(site);
    return CallStatus.INTERNAL
        .withDescription("site error: " + firstLine(site.getMessage()))
        .withCause(t)
        .withMetadata(sqlStateMetadata(SqlStates.INTERNAL_ERROR))
        .toRuntimeException();
  }

  static String sqlState(SiteException e) {
    if (e.sqlState() != null) return e.sqlState();
    return switch (e.kind()) {
      case INVALID_SQL -> SqlStates.SYNTAX_ERROR;
      case CONVERSION -> SqlStates.CONVERSION_FAILED;
      case DATA_VALUE -> SqlStates.DATA_EXCEPTION;
      case UNSUPPORTED -> SqlStates.FEATURE_NOT_SUPPORTED;
      case REFUSED -> SqlStates.POLICY_FORBIDS;
      case NOT_FOUND -> SqlStates.UNKNOWN_TABLE;
      case CANCELLED -> SqlStates.CANCELLED;
      case DATA_ERROR -> SqlStates.DATA_EXCEPTION;
      case INTERNAL -> SqlStates.INTERNAL_ERROR;
      case LIMIT -> e instanceof io.shoal.site.limits.LimitExceeded l ? l.sqlState() : SqlStates.LIMIT_EXCEEDED;
    };
  }

  /** Short status word for the query log. */
  static String statusWord(Throwable t) {
    if (t == null) return "OK";
    FlightStatusCode code = of(t).status().code();
    return code.name();
  }

  private static String message(SiteException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.kind().name().toLowerCase() : SiteErrors.withoutPaths(m);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static ErrorFlightMetadata sqlStateMetadata(String state) {
    ErrorFlightMetadata md = new ErrorFlightMetadata();
    md.insert(SQLSTATE_HEADER, state);
    return md;
  }
}
