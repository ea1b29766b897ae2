package io.shoal.site.duck;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of an error may reach a remote caller. DuckDB puts the offending value into its runtime
 * errors ("Could not convert string 'alice@example.com' to INT32"), and I/O errors name absolute
 * server paths; a caller could read a denied value, or the site's layout, out of either. Messages
 * of the classes that can carry a value are rebuilt from parts that cannot (the column, the
 * target type); absolute paths are cut to their last part.
 */
public final class ErrorText {
  private ErrorText() {}

  private static final Pattern SOURCE_COLUMN = Pattern.compile(" when casting from source column ([A-Za-z_][A-Za-z0-9_$]*)");
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]*(\\(\\d+(,\\s*\\d+)?\\))?");
  private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:])/(?:[^\\s/'\"]+/)+([^\\s/'\"]*)");
  private static final Pattern TRAILING_LINE = Pattern.compile("\\s*LINE \\d+:.*\\z", Pattern.DOTALL);

  /** DuckDB's error classes whose messages may carry a value of the data. */
  private static final java.util.List<String> VALUE_CLASSES =
      java.util.List.of("Conversion Error", "Out of Range Error", "Invalid Input Error");

  /**
   * DuckDB's own message inside whatever wraps it: errors raised while Arrow batches are exported
   * arrive as {@code [errno -1] CDataJniException{errno=-1, message=Conversion Error: ...}}.
   */
  public static String unwrap(String message) {
    if (message == null) return null;
    int at = message.indexOf("message=");
    String m = at >= 0 && message.contains("CDataJniException") ? message.substring(at + "message=".length()) : message;
    if (m.endsWith("}")) m = m.substring(0, m.length() - 1);
    return m.strip();
  }

  /** A DuckDB error message made safe for a caller outside the site. */
  public static String forCaller(String message) {
    if (message == null) return null;
    String m = unwrap(message);
    // A value class anywhere (behind a prefix we do not know) is treated as that class.
    for (String cls : VALUE_CLASSES) {
      int i = m.indexOf(cls + ":");
      if (i > 0) m = m.substring(i);
    }
    if (m.startsWith("Conversion Error")) return conversion(m);
    if (m.startsWith("Invalid Input Error: Values were not provided") || m.startsWith("Invalid Input Error: Could not find parameter")) {
      return withoutPaths(m); // about the caller's own parameters
    }
    if (m.startsWith("Out of Range Error") || m.startsWith("Invalid Input Error")) return upToFirstValue(m);
    return withoutPaths(m);
  }

  /** What to tell a caller whose parameter has no type DuckDB can infer. */
  static String untypedParameter(int index) {
    return "parameter " + index + " (the " + ordinal(index) + " ?) has no type DuckDB can infer from where it"
        + " stands; give the parameter a type with CAST(? AS ...), e.g. CAST(? AS DECIMAL(15,2))";
  }

  private static String ordinal(int n) {
    int tens = n % 100;
    String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  /** Whether a message is of a class whose values are withheld. */
  public static boolean carriesValues(String message) {
    return message != null
        && (message.startsWith("Conversion Error") || message.startsWith("Out of Range Error") || message.startsWith("Invalid Input Error"));
  }

  /**
   * "Conversion Error: cannot cast column email to INT32 (the value is withheld)". The value can
   * hold any text, including " to " or a fake column name, so only the last "when casting from
   * source column" clause is trusted, and the type is taken only if it looks like one.
   */
  static String conversion(String m) {
    String text = TRAILING_LINE.matcher(m).replaceFirst("");
    String column = null;
    String type = null;
    Matcher c = SOURCE_COLUMN.matcher(text);
    int suffix = -1;
    while (c.find()) {
      column = c.group(1);
      suffix = c.start();
    }
    if (suffix >= 0) {
      String head = text.substring(0, suffix);
      int to = Math.max(head.lastIndexOf(" to "), head.lastIndexOf(" type "));
      if (to >= 0) {
        String candidate = head.substring(head.indexOf(' ', to + 1) + 1).strip();
        if (TYPE.matcher(candidate).matches()) type = candidate;
      }
    }
    if (column != null && !text.endsWith(column)) column = null; // something follows: not DuckDB's suffix
    StringBuilder out = new StringBuilder("Conversion Error: a value");
    if (column != null) out.append(" of column ").append(column);
    out.append(" could not be converted");
    if (type != null) out.append(" to ").append(type);
    return out.append(" (the value is withheld; use TRY_CAST to get NULL instead)").toString();
  }

  /** The message up to the first quote, parenthesis or digit that could start a value. */
  static String upToFirstValue(String m) {
    String first = m.lines().findFirst().orElse("");
    int colon = first.indexOf(": ");
    int start = colon < 0 ? 0 : colon + 2;
    int cut = first.length();
    for (int i = start; i < first.length(); i++) {
      char ch = first.charAt(i);
      if (ch == '\'' || ch == '"' || ch == '(' || Character.isDigit(ch) && !partOfWord(first, i)) {
        cut = i;
        break;
      }
    }
    String kept = first.substring(0, cut).strip();
    if (kept.endsWith(":")) kept = kept.substring(0, kept.length() - 1);
    return cut < first.length() || !first.equals(m.strip()) ? kept + " (values withheld)" : withoutPaths(kept);
  }

  /** Whether the digit at {@code i} belongs to a word that starts with a letter (INT32, DECIMAL). */
  private static boolean partOfWord(String s, int i) {
    int j = i;
    while (j > 0 && Character.isLetterOrDigit(s.charAt(j - 1))) j--;
    return j < i && Character.isLetter(s.charAt(j));
  }

  /** Absolute paths cut to their last part: "…/orders.parquet". */
  public static String withoutPaths(String m) {
    return m == null ? null : ABSOLUTE_PATH.matcher(m).replaceAll(r -> Matcher.quoteReplacement("…/" + r.group(1)));
  }
}
