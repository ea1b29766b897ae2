package io.shoal.planner.errors;

import java.sql.SQLException;

/**
 * An error with a SQLState, thrown inside planning or execution where Calcite only lets unchecked
 * exceptions through. {@link #toSqlException(Throwable)} finds it again in any cause chain.
 */
public final class ShoalException extends RuntimeException {
  private final String sqlState;
  private final String site;

  public ShoalException(String sqlState, String site, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.site = site;
  }

  public ShoalException(String sqlState, String message) {
    this(sqlState, null, message, null);
  }

  public String sqlState() {
    return sqlState;
  }

  /** The site the error came from, or null when it is not about one site. */
  public String site() {
    return site;
  }

  public SQLException toSqlException() {
    return new SQLException(getMessage(), sqlState, this);
  }

  /**
   * The SQLException a JDBC caller should see for {@code t}: the first ShoalException or
   * SQLException with a SQLState in its cause chain, else null.
   */
  public static SQLException toSqlException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ShoalException) {
        return ((ShoalException) c).toSqlException();
      }
      if (c instanceof SQLException && ((SQLException) c).getSQLState() != null) {
        return (SQLException) c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
