package org.apache.calcite.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;
import org.apache.calcite.avatica.Meta;

/** A plain statement of a federation connection (see {@link StatementRuns}). */
final class FederatedStatement extends CalciteStatement
    implements StatementRuns.Holder {
  private final StatementRuns runs = new StatementRuns();

  FederatedStatement(CalciteConnectionImpl connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public StatementRuns runs() {
    return runs;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return StatementRuns.warnings(runs.latest());
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    runs.clear();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    var run = runs.latest();
    return StatementRuns.unwrapsRecord(iface, run) ? iface.cast(run.record()) : super.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return StatementRuns.unwrapsRecord(iface, runs.latest()) || super.isWrapperFor(iface);
  }
}
