package io.shoal.driver;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A prepared statement: a {@link ShoalStatement} whose executions run under its timeout too, and
 * which runs a parameterless query with a maxRows as a plain statement. Calcite (and Avatica's
 * protocol) take maxRows for a plan only when a Statement executes, so this way it becomes a
 * LIMIT in the sites' fragments instead of a cut at the client.
 */
final class ShoalPreparedStatement extends ForwardingPreparedStatement {
  private final String sql;
  /** Runs the query when it has a maxRows and no parameters; made on first use. */
  private Statement limited;

  ShoalPreparedStatement(PreparedStatement delegate, ShoalConnection connection, String sql) {
    super(delegate, connection);
    this.sql = sql;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    Statement target = target();
    return query(target, () -> target == delegate ? delegate.executeQuery() : target.executeQuery(sql));
  }

  @Override
  public boolean execute() throws SQLException {
    Statement target = target();
    return timed(target, () -> target == delegate ? delegate.execute() : target.execute(sql));
  }

  @Override
  public int executeUpdate() throws SQLException {
    return timed(delegate, delegate::executeUpdate);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return timed(delegate, delegate::executeLargeUpdate);
  }

  /** The delegate, or for a parameterless query with maxRows, {@link #limited}. */
  private Statement target() throws SQLException {
    return call(() -> {
      if (maxRows() == 0 || delegate.getParameterMetaData().getParameterCount() > 0) {
        return delegate;
      }
      if (limited == null) {
        limited = connection.engine().createStatement();
      }
      limited.setLargeMaxRows(maxRows());
      limited.setFetchSize(delegate.getFetchSize());
      return limited;
    });
  }

  @Override
  public void close() throws SQLException {
    if (limited != null) {
      run(limited::close);
    }
    super.close();
  }
}
