package io.shoal.driver;

import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns whatever Calcite, Avatica or the planner threw into an {@link SQLException} a person can act
 * on: a standard SQLState (DESIGN.md "Errors") and a one-line message without Java class names or
 * stack frames. The original exception stays reachable as the cause for debugging.
 */
final class Errors {
  /** "org.apache.calcite.runtime.CalciteContextException: " and the like. */
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)(?::\\s*|$)");
  private static final Pattern FRAME = Pattern.compile("\\s*\\bat [\\w$.]+\\([^)]*\\)");
  private static final Pattern EXECUTING =
      Pattern.compile("^(?:Error while executing SQL|Error while preparing statement) \"(?s:.*?)\": ", Pattern.DOTALL);
  /** Avatica's remote client prefix: "Error -1 (42000) : ". */
  private static final Pattern AVATICA = Pattern.compile("^Error -?\\d+ \\(\\w*\\) : ");
  /** What Avatica's server puts before a driver's message. */
  private static final Pattern REMOTE = Pattern.compile("^Remote driver error: ");
  private static final Pattern OBJECT_NOT_FOUND =
      Pattern.compile("(?:Object|Table) '([^']+)' not found(?: within '([^']+)')?");
  private static final Pattern COLUMN_NOT_FOUND =
      Pattern.compile("Column '([^']+)' not found");

  private static final String SQL_PARSE_EXCEPTION = "org.apache.calcite.sql.parser.SqlParseException";

  private Errors() {}

  /** A state we produced ourselves (or the planner did) is kept; anything else is classified. */
  static SQLException translate(Throwable t) {
    return translate(t, null);
  }

  /**
   * @param forcedState when the caller knows better (a timer fired: HYT00, cancel: 57014), that
   *     state wins over whatever the engine reported for the interruption it caused
   */
  static SQLException translate(Throwable t, String forcedState) {
    SQLException shoal = shoalState(t);
    String state = forcedState != null ? forcedState : shoal != null ? shoal.getSQLState() : classify(t);
    String message = message(shoal != null ? shoal : t);
    if (forcedState != null && forcedState.equals(SqlStates.TIMED_OUT)) {
      message = "query timed out" + (message.isEmpty() ? "" : " (" + message + ")");
    } else if (forcedState != null && forcedState.equals(SqlStates.CANCELLED)) {
      message = "query cancelled";
    }
    if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().equals(state)
        && s.getMessage() != null && s.getMessage().equals(withPrefix(message))) {
      return s; // already ours
    }
    SQLException out = SqlStates.TIMED_OUT.equals(state)
        ? new SQLTimeoutException(withPrefix(message), state, t)
        : new SQLException(withPrefix(message), state, t);
    return out;
  }

  private static String withPrefix(String message) {
    return message.startsWith("Shoal: ") ? message : "Shoal: " + message;
  }

  /**
   * The innermost SQLException whose state is one of ours (the planner and sites set them). A
   * failure of {@code shoal coordinator} that Avatica's client raises as an unchecked exception
   * (opening the connection: a site unreachable, a site's token refused) carries the server's
   * state in it, so it counts as one: it was reported as XX000.
   */
  private static SQLException shoalState(Throwable t) {
    SQLException found = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SQLException s && isShoalState(s.getSQLState())) {
        found = s;
      } else if (c instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException a
          && isShoalState(a.getSqlState())) {
        found = new SQLException(a.getMessage(), a.getSqlState(), a);
      }
    }
    return found;
  }

  static boolean isShoalState(String state) {
    if (state == null) {
      return false;
    }
    switch (state) {
      case SqlStates.SYNTAX_ERROR:
      case SqlStates.UNKNOWN_TABLE:
      case SqlStates.UNKNOWN_COLUMN:
      case SqlStates.POLICY_FORBIDS:
      case SqlStates.SITE_UNREACHABLE:
      case SqlStates.CONNECTION_LOST:
      case SqlStates.AUTH_FAILED:
      case SqlStates.CANCELLED:
      case SqlStates.TIMED_OUT:
      case SqlStates.DATA_EXCEPTION:
      case SqlStates.FEATURE_NOT_SUPPORTED:
      case SqlStates.READ_ONLY:
        return true;
      default:
        // 53/54: a site's or the planner's limit (capacity, a fragment's limit, too complex)
        return state.startsWith("22") || state.startsWith("08") || state.startsWith("53") || state.startsWith("54");
    }
  }

  /** SQLState from the kind of exception anywhere in the chain, then from message text. */
  private static String classify(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String n = c.getClass().getName();
      if (n.endsWith("SqlParseException")) {
        return SqlStates.SYNTAX_ERROR;
      }
      if (c instanceof NumberFormatException) {
        // A CAST the coordinator evaluates (Calcite's run time): "For input string: "abc"".
        return SqlStates.CONVERSION_FAILED;
      }
      if (c instanceof InterruptedException || n.endsWith("CancellationException")) {
        return SqlStates.CANCELLED;
      }
      if (c instanceof java.net.ConnectException || n.endsWith("UnknownHostException")) {
        return SqlStates.SITE_UNREACHABLE;
      }
      if (c.getMessage() != null) {
        all.append(c.getMessage()).append('\n');
      }
    }
    String m = all.toString();
    if (COLUMN_NOT_FOUND.matcher(m).find()) {
      return SqlStates.UNKNOWN_COLUMN;
    }
    if (OBJECT_NOT_FOUND.matcher(m).find()) {
      return SqlStates.UNKNOWN_TABLE;
    }
    if (m.contains("Encountered \"") || m.contains("Non-query expression") || m.contains("Lexical error")) {
      return SqlStates.SYNTAX_ERROR;
    }
    if (m.contains("No match found for function signature") || m.contains("Cannot apply")) {
      return SqlStates.SYNTAX_ERROR;
    }
    if (m.contains("Statement canceled") || m.contains("Statement cancelled") || m.contains("cancelled")) {
      return SqlStates.CANCELLED;
    }
    if (m.contains("HTTP 401") || m.contains("Unauthorized") || m.contains("401")) {
      return SqlStates.AUTH_FAILED;
    }
    if (m.contains("Connection refused") || m.contains("UNAVAILABLE")) {
      return SqlStates.SITE_UNREACHABLE;
    }
    if (m.contains("not supported") || m.contains("Unsupported")) {
      return SqlStates.FEATURE_NOT_SUPPORTED;
    }
    if (t instanceof SQLException s && s.getSQLState() != null && !s.getSQLState().isEmpty()
        && !s.getSQLState().equals("HY000") && !s.getSQLState().equals("00000")) {
      return s.getSQLState();
    }
    return SqlStates.INTERNAL_ERROR;
  }

  /**
   * The most specific message in the chain (the innermost with text that is not just a wrapped
   * exception's toString), stripped of the echoed SQL, class names and stack frames.
   */
  static String message(Throwable t) {
    String parse = parseError(t);
    if (parse != null) {
      return parse;
    }
    if (shoalState(t) == null) {
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof NumberFormatException) {
          // Java's text holds the value; like a site's conversion errors, the message withholds it.
          return "a value could not be converted to a number at the coordinator (the value is"
              + " withheld); check the CASTs of the query, or use TRY_CAST";
        }
      }
    }
    String best = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m == null || m.isBlank()) {
        continue;
      }
      String cleaned = clean(m);
      if (cleaned.isEmpty()) {
        continue;
      }
      if (c instanceof SQLException s && isShoalState(s.getSQLState())) {
        return cleaned; // the planner/site already wrote it for people
      }
      // Calcite's innermost validator text ("Object 'X' not found within 'global'") is the useful
      // one, but its context exception ("From line 1, column 15 to ...: Object ...") adds position.
      if (c.getClass().getName().endsWith("CalciteContextException")
          || c.getClass().getName().endsWith("SqlParseException")) {
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

  static String clean(String m) {
    // Avatica's remote client prefixes "Error -1 (STATE) : " to the server's text, which itself
    // starts with the whole SQL ("Error while executing SQL \"...\": Remote driver error: "):
    // strip them in that order, so the message starts with its cause.
    String s = AVATICA.matcher(m).replaceFirst("");
    Matcher ex = EXECUTING.matcher(s);
    if (ex.find()) {
      s = s.substring(ex.end());
    }
    s = REMOTE.matcher(s).replaceFirst("");
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
