package io.shoal.planner.functions;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB's functions as the coordinator computes them when they run above a re-aggregation or a
 * join across sites: same results as DuckDB 2.0 (the single database a federation must equal),
 * NULL in gives NULL out. Values are in Calcite's internal form: a TIMESTAMP is milliseconds since
 * the epoch read as wall-clock time without zone (so no JVM time zone takes part), a DATE is days
 * since the epoch. Called by generated code through {@link DuckDbFunctions}.
 */
public final class DuckDbRuntime {
  private DuckDbRuntime() {}

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private static LocalDateTime time(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static String part(String part) {
    return part.toLowerCase(Locale.ROOT).strip();
  }

  /** {@code date_trunc(part, ts)}: a TIMESTAMP; weeks start on Monday (ISO), as in DuckDB. */
  public static Long dateTrunc(String part, Long ts) {
    if (part == null || ts == null) {
      return null;
    }
    LocalDateTime t = time(ts);
    LocalDate d = t.toLocalDate();
    LocalDateTime out = switch (part(part)) {
      case "millennium", "millennia", "mil" -> LocalDate.of(Math.floorDiv(d.getYear(), 1000) * 1000, 1, 1).atStartOfDay();
      case "century", "centuries", "cent" -> LocalDate.of(Math.floorDiv(d.getYear(), 100) * 100, 1, 1).atStartOfDay();
      case "decade", "decades", "dec" -> LocalDate.of(Math.floorDiv(d.getYear(), 10) * 10, 1, 1).atStartOfDay();
      case "year", "years", "y", "yr", "yrs", "isoyear" -> part(part).equals("isoyear")
          ? d.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1).with(DayOfWeek.MONDAY).atStartOfDay()
          : LocalDate.of(d.getYear(), 1, 1).atStartOfDay();
      case "quarter", "quarters" -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case "month", "months", "mon" -> LocalDate.of(d.getYear(), d.getMonthValue(), 1).atStartOfDay();
      case "week", "weeks", "w", "yearweek" -> d.with(DayOfWeek.MONDAY).atStartOfDay();
      case "day", "days", "d", "dayofmonth", "dow", "doy", "isodow", "dayofweek", "dayofyear" -> d.atStartOfDay();
      case "hour", "hours", "h", "hr" -> t.truncatedTo(ChronoUnit.HOURS);
      case "minute", "minutes", "m", "min" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "second", "seconds", "s", "sec" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "millisecond", "milliseconds", "ms", "msec", "microsecond", "microseconds", "us" -> t;
      default -> throw new IllegalArgumentException("date_trunc: unknown date part '" + part + "'");
    };
    return millis(out);
  }

  /** {@code date_part(part, ts)} and {@code EXTRACT}: a BIGINT, with DuckDB's conventions. */
  public static Long datePart(String part, Long ts) {
    if (part == null || ts == null) {
      return null;
    }
    LocalDateTime t = time(ts);
    LocalDate d = t.toLocalDate();
    return switch (part(part)) {
      case "year", "years", "y", "yr", "yrs" -> (long) d.getYear();
      case "month", "months", "mon" -> (long) d.getMonthValue();
      case "day", "days", "d", "dayofmonth" -> (long) d.getDayOfMonth();
      case "hour", "hours", "h", "hr" -> (long) t.getHour();
      case "minute", "minutes", "m", "min" -> (long) t.getMinute();
      case "second", "seconds", "s", "sec" -> (long) t.getSecond();
      case "millisecond", "milliseconds", "ms", "msec" -> t.getSecond() * 1000L + t.getNano() / 1_000_000;
      case "microsecond", "microseconds", "us" -> t.getSecond() * 1_000_000L + t.getNano() / 1_000;
      case "quarter", "quarters" -> (long) ((d.getMonthValue() - 1) / 3 + 1);
      case "dow", "dayofweek", "weekday" -> (long) (d.getDayOfWeek().getValue() % 7);
      case "isodow" -> (long) d.getDayOfWeek().getValue();
      case "doy", "dayofyear" -> (long) d.getDayOfYear();
      case "week", "weeks", "w", "weekofyear" -> (long) d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "isoyear" -> (long) d.get(IsoFields.WEEK_BASED_YEAR);
      case "yearweek" -> d.get(IsoFields.WEEK_BASED_YEAR) * 100L + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "decade", "decades", "dec" -> (long) Math.floorDiv(d.getYear(), 10);
      case "century", "centuries", "cent" -> (long) (d.getYear() > 0 ? (d.getYear() - 1) / 100 + 1 : d.getYear() / 100 - 1);
      case "millennium", "millennia", "mil" -> (long) (d.getYear() > 0 ? (d.getYear() - 1) / 1000 + 1 : d.getYear() / 1000 - 1);
      case "era" -> d.getYear() > 0 ? 1L : 0L;
      case "epoch" -> Math.floorDiv(ts, 1000L);
      default -> throw new IllegalArgumentException("date_part: unknown date part '" + part + "'");
    };
  }

  /** {@code epoch(ts)} and {@code EXTRACT(EPOCH FROM ts)}: seconds as a DOUBLE. */
  public static Double epoch(Long ts) {
    return ts == null ? null : ts / 1000.0;
  }

  /**
   * {@code date_diff(part, start, end)}: how many boundaries of {@code part} lie between the two
   * (DuckDB's definition; not the elapsed time: 23:00 to 01:00 the next day is one day).
   */
  public static Long dateDiff(String part, Long start, Long end) {
    if (part == null || start == null || end == null) {
      return null;
    }
    LocalDateTime a = time(start);
    LocalDateTime b = time(end);
    return switch (part(part)) {
      case "year", "years", "y", "yr", "yrs" -> (long) (b.getYear() - a.getYear());
      case "quarter", "quarters" -> (long) (quarters(b) - quarters(a));
      case "month", "months", "mon" -> (b.getYear() * 12L + b.getMonthValue()) - (a.getYear() * 12L + a.getMonthValue());
      case "week", "weeks", "w" -> (Math.floorDiv(end, MILLIS_PER_DAY) - Math.floorDiv(start, MILLIS_PER_DAY)) / 7;
      case "day", "days", "d", "dayofmonth", "dow", "doy", "isodow", "dayofweek", "dayofyear" ->
          Math.floorDiv(end, MILLIS_PER_DAY) - Math.floorDiv(start, MILLIS_PER_DAY);
      case "hour", "hours", "h", "hr" -> Math.floorDiv(end, 3_600_000L) - Math.floorDiv(start, 3_600_000L);
      case "minute", "minutes", "m", "min" -> Math.floorDiv(end, 60_000L) - Math.floorDiv(start, 60_000L);
      case "second", "seconds", "s", "sec" -> Math.floorDiv(end, 1000L) - Math.floorDiv(start, 1000L);
      case "millisecond", "milliseconds", "ms", "msec" -> end - start;
      case "decade", "decades" -> (long) (b.getYear() / 10 - a.getYear() / 10);
      case "century", "centuries" -> (long) (b.getYear() / 100 - a.getYear() / 100);
      default -> throw new IllegalArgumentException("date_diff: unknown date part '" + part + "'");
    };
  }

  private static int quarters(LocalDateTime t) {
    return t.getYear() * 4 + (t.getMonthValue() - 1) / 3;
  }

  /** {@code make_date(year, month, day)}: a DATE (days since the epoch). */
  public static Integer makeDate(Long year, Long month, Long day) {
    if (year == null || month == null || day == null) {
      return null;
    }
    return (int) LocalDate.of(Math.toIntExact(year), Math.toIntExact(month), Math.toIntExact(day))
        .toEpochDay();
  }

  /** {@code strftime(ts, format)} with DuckDB's (C's) format specifiers, in English. */
  public static String strftime(Long ts, String format) {
    if (ts == null || format == null) {
      return null;
    }
    LocalDateTime t = time(ts);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char f = format.charAt(++i);
      boolean noPad = f == '-' && i + 1 < format.length();
      if (noPad) {
        f = format.charAt(++i);
      }
      out.append(spec(t, f, noPad));
    }
    return out.toString();
  }

  private static String spec(LocalDateTime t, char f, boolean noPad) {
    return switch (f) {
      case 'Y' -> Integer.toString(t.getYear());
      case 'y' -> pad(t.getYear() % 100, 2, noPad);
      case 'm' -> pad(t.getMonthValue(), 2, noPad);
      case 'd' -> pad(t.getDayOfMonth(), 2, noPad);
      case 'e' -> noPad ? Integer.toString(t.getDayOfMonth()) : String.format("%2d", t.getDayOfMonth());
      case 'H' -> pad(t.getHour(), 2, noPad);
      case 'I' -> pad(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, noPad);
      case 'M' -> pad(t.getMinute(), 2, noPad);
      case 'S' -> pad(t.getSecond(), 2, noPad);
      case 'f' -> pad(t.getNano() / 1000, 6, false);
      case 'g' -> pad(t.getNano() / 1_000_000, 3, false);
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'j' -> pad(t.getDayOfYear(), 3, noPad);
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
      case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'V' -> pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, noPad);
      case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
      case 'U' -> pad((t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7, 2, noPad);
      case 'W' -> pad((t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7, 2, noPad);
      case 'F' -> t.toLocalDate().toString();
      case 'T' -> pad(t.getHour(), 2, false) + ":" + pad(t.getMinute(), 2, false) + ":" + pad(t.getSecond(), 2, false);
      case 'R' -> pad(t.getHour(), 2, false) + ":" + pad(t.getMinute(), 2, false);
      case 'D' -> pad(t.getMonthValue(), 2, false) + "/" + pad(t.getDayOfMonth(), 2, false) + "/" + pad(t.getYear() % 100, 2, false);
      case '%' -> "%";
      default -> throw new IllegalArgumentException("strftime: unsupported format specifier %" + f);
    };
  }

  private static String pad(int v, int width, boolean noPad) {
    String s = Integer.toString(v);
    if (noPad) {
      return s;
    }
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }

  /** {@code regexp_matches(s, pattern)}: whether the pattern matches anywhere in s. */
  public static Boolean regexpMatches(String s, String pattern) {
    if (s == null || pattern == null) {
      return null;
    }
    return Pattern.compile(pattern).matcher(s).find();
  }

  /** {@code regexp_replace(s, pattern, replacement)}: the first match only, as in DuckDB. */
  public static String regexpReplace(String s, String pattern, String replacement) {
    return regexpReplace(s, pattern, replacement, "");
  }

  /** {@code regexp_replace(s, pattern, replacement, options)}: option 'g' replaces every match. */
  public static String regexpReplace(String s, String pattern, String replacement, String options) {
    if (s == null || pattern == null || replacement == null || options == null) {
      return null;
    }
    int flags = options.indexOf('i') >= 0 ? Pattern.CASE_INSENSITIVE : 0;
    Matcher m = Pattern.compile(pattern, flags).matcher(s);
    String r = javaReplacement(replacement);
    return options.indexOf('g') >= 0 ? m.replaceAll(r) : m.replaceFirst(r);
  }

  /** RE2's {@code \1} back-references as Java's {@code $1}; other characters literally. */
  private static String javaReplacement(String r) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\' && i + 1 < r.length() && Character.isDigit(r.charAt(i + 1))) {
        out.append('$').append(r.charAt(++i));
      } else if (c == '\\' && i + 1 < r.length()) {
        out.append(Matcher.quoteReplacement(String.valueOf(r.charAt(++i))));
      } else {
        out.append(Matcher.quoteReplacement(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  /** {@code regexp_extract(s, pattern)}: the first match, or '' (not NULL) when none. */
  public static String regexpExtract(String s, String pattern) {
    return regexpExtract(s, pattern, 0L);
  }

  /** {@code regexp_extract(s, pattern, group)}: that group of the first match, or ''. */
  public static String regexpExtract(String s, String pattern, Long group) {
    if (s == null || pattern == null || group == null) {
      return null;
    }
    Matcher m = Pattern.compile(pattern).matcher(s);
    if (!m.find()) {
      return "";
    }
    String g = m.group(Math.toIntExact(group));
    return g == null ? "" : g;
  }

  /** {@code contains(s, search)}: whether search occurs in s (case-sensitive). */
  public static Boolean contains(String s, String search) {
    if (s == null || search == null) {
      return null;
    }
    return s.contains(search);
  }
}
