package io.shoal.site.limits;

import io.shoal.site.config.LimitsConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a site allows one caller, validated: every limit protects the site from its callers (a
 * runaway fragment, a client that prepares and never closes, a stream nobody reads). Names are the
 * YAML keys, so that errors and the audit say which limit stopped a fragment.
 *
 * @param fragmentWallTime a fragment's DuckDB work is interrupted after this long
 * @param memoryLimitBytes DuckDB's {@code memory_limit} for the whole site
 * @param maxSqlBytes longest fragment text accepted (UTF-8 bytes), refused before parsing
 * @param maxFragments fragments running at once on the site
 * @param maxFragmentsPerPrincipal fragments running at once for one principal
 * @param maxPreparedStatements prepared statements one principal may hold open
 * @param preparedIdleTimeout a prepared statement unused this long is closed
 * @param streamStallTimeout a stream whose client takes no batch for this long is stopped
 */
public record SiteLimits(
    Duration fragmentWallTime,
    long memoryLimitBytes,
    long maxSqlBytes,
    int maxFragments,
    int maxFragmentsPerPrincipal,
    int maxPreparedStatements,
    Duration preparedIdleTimeout,
    Duration streamStallTimeout) {

  public static final String FRAGMENT_WALL_TIME = "fragment-wall-time";
  public static final String MEMORY = "memory";
  public static final String MAX_SQL_SIZE = "max-sql-size";
  public static final String MAX_FRAGMENTS = "max-fragments";
  public static final String MAX_FRAGMENTS_PER_PRINCIPAL = "max-fragments-per-principal";
  public static final String MAX_PREPARED_STATEMENTS = "max-prepared-statements";
  public static final String PREPARED_IDLE_TIMEOUT = "prepared-idle-timeout";
  public static final String STREAM_STALL_TIMEOUT = "stream-stall-timeout";

  /** A site's share of the machine's memory when the file says nothing: three sites fit one host. */
  public static final String DEFAULT_MEMORY = "25%";

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|kib|mb|mib|gb|gib|tb|tib)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  /** The defaults, as the README lists them. */
  public static SiteLimits defaults() {
    return of(null, (key, why) -> new IllegalStateException(why));
  }

  /**
   * Validates the section; {@code error} turns (key, problem) into the exception to throw, so that
   * the config loader can add {@code file:line}.
   */
  public static <E extends Exception> SiteLimits of(
      LimitsConfig raw, BiFunction<String, String, E> error) throws E {
    LimitsConfig r = raw == null ? new LimitsConfig(null, null, null, null, null, null, null, null) : raw;
    Duration wall = duration(FRAGMENT_WALL_TIME, r.fragmentWallTime(), "5m", error);
    long memory = memory(r.memory() == null ? DEFAULT_MEMORY : r.memory(), error);
    long sql = size(MAX_SQL_SIZE, r.maxSqlSize() == null ? "1MiB" : r.maxSqlSize(), error);
    int site = positive(MAX_FRAGMENTS, r.maxFragments(), 32, error);
    int principal = positive(MAX_FRAGMENTS_PER_PRINCIPAL, r.maxFragmentsPerPrincipal(), 16, error);
    int prepared = positive(MAX_PREPARED_STATEMENTS, r.maxPreparedStatements(), 256, error);
    Duration idle = duration(PREPARED_IDLE_TIMEOUT, r.preparedIdleTimeout(), "10m", error);
    Duration stall = duration(STREAM_STALL_TIMEOUT, r.streamStallTimeout(), "60s", error);
    if (sql < 1024) throw error.apply(MAX_SQL_SIZE, MAX_SQL_SIZE + " must be at least 1KiB, got " + r.maxSqlSize());
    return new SiteLimits(wall, memory, sql, site, principal, prepared, idle, stall);
  }

  /** Total physical memory, or 4 GiB when the JVM cannot tell. */
  static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long total = os.getTotalMemorySize();
      if (total > 0) return total;
    }
    return 4L << 30;
  }

  private static <E extends Exception> long memory(String text, BiFunction<String, String, E> error) throws E {
    Matcher p = PERCENT.matcher(text.strip());
    if (p.matches()) {
      double share = Double.parseDouble(p.group(1));
      if (share <= 0 || share > 100) {
        throw error.apply(MEMORY, MEMORY + " must be a share between 0% and 100% or a size, got " + text);
      }
      return (long) (physicalMemory() * share / 100);
    }
    long bytes = size(MEMORY, text, error);
    if (bytes < 64L << 20) throw error.apply(MEMORY, MEMORY + " must be at least 64MiB, got " + text);
    return bytes;
  }

  /** A byte size such as {@code 512KB}, {@code 20GiB} or a plain number of bytes. */
  public static <E extends Exception> long size(String key, String text, BiFunction<String, String, E> error)
      throws E {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) throw error.apply(key, key + " must be a size such as 1MiB or 512KB, got '" + text + "'");
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "kb" -> 1_000L;
          case "kib" -> 1L << 10;
          case "mb" -> 1_000_000L;
          case "mib" -> 1L << 20;
          case "gb" -> 1_000_000_000L;
          case "gib" -> 1L << 30;
          case "tb" -> 1_000_000_000_000L;
          case "tib" -> 1L << 40;
          default -> 1L;
        };
    return (long) (n * factor);
  }

  private static <E extends Exception> Duration duration(
      String key, String text, String dflt, BiFunction<String, String, E> error) throws E {
    String t = text == null ? dflt : text;
    Matcher m = DURATION.matcher(t.strip());
    if (!m.matches()) throw error.apply(key, key + " must be a duration such as 500ms, 30s or 5m, got '" + t + "'");
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    double ms =
        switch (unit) {
          case "ms" -> n;
          case "m", "min" -> n * 60_000;
          case "h" -> n * 3_600_000;
          default -> n * 1000;
        };
    if (ms < 1) throw error.apply(key, key + " must be positive, got '" + t + "'");
    return Duration.ofMillis((long) ms);
  }

  private static <E extends Exception> int positive(
      String key, Integer value, int dflt, BiFunction<String, String, E> error) throws E {
    int v = value == null ? dflt : value;
    if (v < 1) throw error.apply(key, key + " must be at least 1, got " + v);
    return v;
  }

  /** DuckDB's {@code memory_limit} value for {@link #memoryLimitBytes}. */
  public String duckMemoryLimit() {
    return Math.max(1, memoryLimitBytes >> 20) + "MiB";
  }
}
