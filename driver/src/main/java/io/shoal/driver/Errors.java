package io.shoal.driver;

import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * The driver's one place that turns a failure into the {@link SQLException} the caller sees: a
 * standard SQLState (DESIGN.md "Errors") and a one-line message without Java class names, stack
 * frames or the echoed SQL. The original exception stays reachable as the cause for debugging.
 *
 * <p>The state is the one chosen where the failure happened, in this order:
 *
 * <ol>
 *   <li>the driver's own knowledge: a timeout or cancel it caused ({@code forcedState});
 *   <li>a state carried in the chain: the planner's {@link io.shoal.planner.errors.ShoalException} and the
 *       SQLExceptions the planner and sites raise (embedded, and inside {@code shoal coordinator}),
 *       or the state in Avatica's error response (remote: {@link AvaticaSqlException#getSQLState},
 *       sent by {@link CoordinatorServer.StatesService}, which maps with this same class);
 *   <li>the kind of exception, for failures nobody gave a state: Calcite's parser, a number that
 *       does not parse at the coordinator, an interrupt, a refused connection, and the HTTP status
 *       of a request to {@code shoal coordinator};
 *   <li>{@link #validatorState}: a plain Calcite engine's validator errors (Shoal's planner gives
 *       them states; see there);
 *   <li>XX000.
 * </ol>
 */
final class Errors {
  /** "org.apache.calcite.runtime.CalciteContextException: " and the like. */
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)(?::\\s*|$)");
  private static final Pattern FRAME = Pattern.compile("\\s*\\bat [\\w$.]+\\([^)]*\\)");
  /** What Avatica's JDBC layer puts before a failure's text, the SQL included. */
  private static final Pattern EXECUTING = Pattern.compile(
      "^(?:Error while executing SQL|Error while preparing statement) \"(?s:.*?)\": ", Pattern.DOTALL);
  /** What Avatica's client puts before the server's text. */
  private static final String REMOTE = "Remote driver error: ";
  /** Avatica's HTTP client reports a failed request's status only in its text. */
  private static final Pattern HTTP_STATUS = Pattern.compile("^Failed to execute HTTP Request, got HTTP/(\\d{3})");

  private static final String SQL_PARSE_EXCEPTION = "org.apache.calcite.sql.parser.SqlParseException";
  private static final String SHOAL_EXCEPTION = "io.shoal.planner.errors.ShoalException";
  private static final String CALCITE_CONTEXT_EXCEPTION = "org.apache.calcite.runtime.CalciteContextException";

  private Errors() {}

  static SQLException translate(Throwable t) {
    return translate(t, null);
  }

  /**
   * @param forcedState when the caller knows better (a timer fired: HYT00, cancel: 57014), that
   *     state wins over whatever the engine reported for the interruption it caused
   */
  static SQLException translate(Throwable t, String forcedState) {
    Carried carried = carried(t);
    String state = forcedState != null ? forcedState : carried != null ? carried.state() : classify(t);
    String message = carried != null ? clean(carried.message()) : message(t);
    if (SqlStates.TIMED_OUT.equals(forcedState)) {
      message = "query timed out" + (message.isEmpty() ? "" : " (" + message + ")");
    } else if (SqlStates.CANCELLED.equals(forcedState)) {
      message = "query cancelled";
    }
    String text = message.startsWith("Shoal: ") ? message : "Shoal: " + message;
    if (t instanceof SQLException s && state.equals(s.getSQLState()) && text.equals(s.getMessage())) {
      return s; // already ours
    }
    return SqlStates.TIMED_OUT.equals(state) ? new SQLTimeoutException(text, state, t) : new SQLException(text, state, t);
  }

  /** A state chosen where the failure happened, with the text written alongside it. */
  private record Carried(String state, String message) {}

  /**
   * The innermost state in the chain: that is where the failure happened; outer exceptions only
   * wrap it (Calcite's "Error while executing SQL", Avatica's client).
   */
  private static Carried carried(Throwable t) {
    Carried found = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String state = null;
      String message = c.getMessage();
      if (c.getClass().getName().equals(SHOAL_EXCEPTION)) {
        // By name: the remote-only jar has no planner, and an instanceof would load the class.
        state = PlannerStates.of(c);
      } else if (c instanceof AvaticaSqlException a) {
        state = a.getSQLState();
        message = a.getErrorMessage();
      } else if (c instanceof SQLException s) {
        state = s.getSQLState();
      } else if (c instanceof AvaticaClientRuntimeException a) {
        state = a.getSqlState();
      }
      if (isSet(state)) {
        found = new Carried(state, message == null ? "" : message);
      }
    }
    return found;
  }

  /**
   * Whether a state says something: Avatica sends 00000 and JDBC uses HY000 for "don't know"; an
   * XX000 (internal error) below may wrap a cause whose kind says more.
   */
  private static boolean isSet(String state) {
    return state != null && !state.isEmpty() && !state.equals("00000") && !state.equals("HY000")
        && !state.equals(SqlStates.INTERNAL_ERROR);
  }

  /** For failures that carry no state: by the kind of exception, then Calcite's validator. */
  private static String classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String n = c.getClass().getName();
      if (n.equals(SQL_PARSE_EXCEPTION)) {
        return SqlStates.SYNTAX_ERROR;
      }
      if (c instanceof NumberFormatException) {
        // A CAST the coordinator evaluates (Calcite's run time): "For input string: "abc"".
        return SqlStates.CONVERSION_FAILED;
      }
      if (c instanceof InterruptedException || c instanceof java.util.concurrent.CancellationException) {
        return SqlStates.CANCELLED;
      }
      if (c instanceof java.net.ConnectException || c instanceof java.net.UnknownHostException) {
        return SqlStates.SITE_UNREACHABLE; // shoal coordinator is not there (remote)
      }
      if (c instanceof java.sql.SQLFeatureNotSupportedException || c instanceof UnsupportedOperationException) {
        return SqlStates.FEATURE_NOT_SUPPORTED;
      }
      Matcher http = c.getMessage() == null ? null : HTTP_STATUS.matcher(c.getMessage());
      if (http != null && http.find()) {
        String status = http.group(1);
        return status.equals("401") || status.equals("403") ? SqlStates.AUTH_FAILED : SqlStates.SITE_UNREACHABLE;
      }
    }
    String validator = validatorState(t);
    return validator != null ? validator : SqlStates.INTERNAL_ERROR;
  }

  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("(?:Object|Table) '[^']+' not found");
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '[^']+' not found");

  /**
   * Calcite's validator errors (a {@code CalciteContextException}) have no SQLState of their own.
   * Shoal's planner gives them one where it prepares the statement ({@code PlanningErrors}: 42S02,
   * 42S22, 42000), so this only answers for a plain Calcite engine under the driver (the driver's
   * own tests run one); only their text tells an unknown table from an unknown column.
   */
  private static String validatorState(Throwable t) {
    StringBuilder text = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getClass().getName().equals(CALCITE_CONTEXT_EXCEPTION)) {
        text = new StringBuilder();
      }
      if (text != null && c.getMessage() != null) {
        text.append(c.getMessage()).append('\n');
      }
    }
    if (text == null) {
      return null;
    }
    String m = text.toString();
    if (COLUMN_NOT_FOUND.matcher(m).find()) {
      return SqlStates.UNKNOWN_COLUMN;
    }
    if (OBJECT_NOT_FOUND.matcher(m).find()) {
      return SqlStates.UNKNOWN_TABLE;
    }
    if (m.contains("not supported") || m.contains("Unsupported")) {
      return SqlStates.FEATURE_NOT_SUPPORTED;
    }
    return SqlStates.SYNTAX_ERROR; // "No match found for function signature", "Cannot apply", ...
  }

  /**
   * The most specific message in the chain of a failure that carries no state (the innermost with
   * text that is not just a wrapped exception's toString), cleaned.
   */
  static String message(Throwable t) {
    String parse = parseError(t);
    if (parse != null) {
      return parse;
    }
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof NumberFormatException) {
        // Java's text holds the value; like a site's conversion errors, the message withholds it.
        return "a value could not be converted to a number at the coordinator (the value is"
            + " withheld); check the CASTs of the query, or use TRY_CAST";
      }
    }
    String best = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      Matcher http = m == null ? null : HTTP_STATUS.matcher(m);
      if (http != null && http.find()) {
        String status = http.group(1);
        return status.equals("401") || status.equals("403")
            ? "shoal coordinator refused the sign-in (HTTP " + status + "): check user and password"
            : "shoal coordinator answered HTTP " + status + ": check the url= of the connection";
      }
      if (m == null || m.isBlank()) {
        continue;
      }
      String cleaned = clean(m);
      if (cleaned.isEmpty()) {
        continue;
      }
      // Calcite's innermost validator text ("Object 'X' not found within 'global'") is the useful
      // one, but its context exception ("From line 1, column 15 to ...: Object ...") adds position.
      if (c.getClass().getName().equals(CALCITE_CONTEXT_EXCEPTION)) {
        return cleaned;
      }
      best = cleaned;
    }
    return best == null ? t.getClass().getSimpleName() : best;
  }

  /** Calcite's parser message with the position it failed at, which some messages omit. */
  private static String parseError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      // By name: the remote-only jar has no Calcite, and an instanceof would load the class.
      if (c.getClass().getName().equals(SQL_PARSE_EXCEPTION)) {
        String m = clean(c.getMessage() == null ? "syntax error" : c.getMessage());
        String pos = ParsePosition.of(c);
        if (pos != null && !m.contains(" line ")) {
          m += " at " + pos;
        }
        return "syntax error: " + m;
      }
    }
    return null;
  }

  /**
   * One line for people: without Avatica's prefixes (the echoed SQL, "Remote driver error"),
   * Java class names, stack frames and the parser's list of expected tokens.
   */
  static String clean(String m) {
    String s = m;
    Matcher ex = EXECUTING.matcher(s);
    if (ex.find()) {
      s = s.substring(ex.end());
    }
    if (s.startsWith(REMOTE)) {
      s = s.substring(REMOTE.length());
    }
    s = FRAME.matcher(s).replaceAll("");
    s = CLASS_PREFIX.matcher(s).replaceAll("");
    // Keep the first lines only: Calcite's parser lists every expected token after "Was expecting".
    int expecting = s.indexOf("Was expecting");
    if (expecting > 0) {
      s = s.substring(0, expecting);
    }
    s = s.replaceAll("\\s*\\n\\s*", " ").trim();
    while (s.startsWith("Shoal: ")) {
      s = s.substring("Shoal: ".length());
    }
    if (s.length() > 600) {
      s = s.substring(0, 600) + "...";
    }
    return s;
  }
}
