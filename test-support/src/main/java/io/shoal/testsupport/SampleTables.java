package io.shoal.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Small Parquet tables the policy and privacy suites serve from their sites, written by an
 * in-memory DuckDB. Every protected value has a shape no legitimate answer has (names {@code n123},
 * six-digit ssns), so a leak shows in any cell.
 */
public final class SampleTables {
  private SampleTables() {}

  /** Writes the rows of {@code select} (DuckDB SQL) to {@code file} as Parquet. */
  public static void write(Path file, String select) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    }
  }

  /**
   * Patients {@code from} (inclusive) to {@code to} (exclusive): id, name {@code n<id>}, a
   * six-digit ssn, age 20..79, city {@code c0..c4} and salary.
   */
  public static void patients(Path file, int from, int to) throws SQLException {
    write(file, "SELECT range AS id, 'n' || range AS name,"
        + " (100000 + range * 7919 % 900000)::VARCHAR AS ssn, (20 + range % 60)::INTEGER AS age,"
        + " 'c' || (range % 5) AS city, 30000 + (range * 37 % 100) * 1000 AS salary"
        + " FROM range(" + from + ", " + to + ")");
  }

  /** Cities {@code c0..c<n-1>}, each in its own country {@code country<i>}: a dimension that leaves as rows. */
  public static void cities(Path file, int n) throws SQLException {
    write(file, "SELECT 'c' || range AS city, 'country' || range AS country FROM range(" + n + ")");
  }
}
