package org.apache.calcite.jdbc;

import io.shoal.planner.exec.QueryRun;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** A result set of a federation connection: its warnings are those of the run that made it. */
final class FederatedResultSet extends CalciteResultSet {
  private volatile QueryRun run;
  private volatile boolean cleared;

  FederatedResultSet(AvaticaStatement statement, CalcitePrepare.CalciteSignature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, signature, metaData, timeZone, firstFrame);
  }

  @Override
  protected CalciteResultSet execute() throws SQLException {
    CalciteResultSet rs = super.execute();
    // The connection made this execution's run while the rows were being opened.
    if (statement instanceof StatementRuns.Holder s) {
      run = s.runs().latest();
    }
    return rs;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return cleared ? null : StatementRuns.warnings(run);
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    cleared = true;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return StatementRuns.unwrapsRecord(iface, run) ? iface.cast(run.record()) : super.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return StatementRuns.unwrapsRecord(iface, run) || super.isWrapperFor(iface);
  }
}
