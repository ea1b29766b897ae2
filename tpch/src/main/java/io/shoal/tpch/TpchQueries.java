package io.shoal.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The 22 TPC-H queries with the spec's validation substitution parameters.
 *
 * <p>Each lives in {@code tpch/qNN.sql} on the classpath, written in standard SQL that both
 * Calcite's default parser and DuckDB accept (ANSI interval arithmetic, {@code EXTRACT}, {@code
 * SUBSTRING ... FROM ... FOR}, {@code LIMIT}, Q15's view as a {@code WITH} clause, no trailing
 * semicolon). Leading {@code --} lines name the query and its parameters; {@link #get} drops them so
 * callers get only the statement.
 */
public final class TpchQueries {

  public static final int COUNT = 22;

  private TpchQueries() {}

  /** Query {@code n} (1..22) without its leading comment lines. */
  public static String get(int n) {
    return stripLeadingComments(raw(n));
  }

  /** The first comment line of query {@code n}, e.g. "TPC-H Q1: pricing summary report (...)". */
  public static String title(int n) {
    String first = raw(n).lines().findFirst().orElse("");
    return first.startsWith("--") ? first.substring(2).trim() : "TPC-H Q" + n;
  }

  /** All 22 queries, keyed 1..22 in order. */
  public static Map<Integer, String> all() {
    Map<Integer, String> all = new LinkedHashMap<>();
    for (int n = 1; n <= COUNT; n++) {
      all.put(n, get(n));
    }
    return all;
  }

  /** The resource name of query {@code n}, e.g. {@code tpch/q01.sql}. */
  public static String resource(int n) {
    if (n < 1 || n > COUNT) {
      throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + n);
    }
    return String.format("tpch/q%02d.sql", n);
  }

  private static String raw(int n) {
    String name = resource(n);
    try (InputStream in = TpchQueries.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("TPC-H query resource " + name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TPC-H query resource " + name + ": " + e, e);
    }
  }

  private static String stripLeadingComments(String sql) {
    String[] lines = sql.split("\n", -1);
    int i = 0;
    while (i < lines.length && (lines[i].isBlank() || lines[i].trim().startsWith("--"))) {
      i++;
    }
    return java.util.Arrays.stream(lines, i, lines.length)
        .collect(Collectors.joining("\n"))
        .strip();
  }
}
