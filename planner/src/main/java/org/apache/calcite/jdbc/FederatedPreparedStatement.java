package org.apache.calcite.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;
import org.apache.calcite.avatica.Meta;

/** A prepared statement of a federation connection (see {@link StatementRuns}). */
final class FederatedPreparedStatement extends CalcitePreparedStatement
    implements StatementRuns.Holder {
  private final StatementRuns runs = new StatementRuns();

  FederatedPreparedStatement(CalciteConnectionImpl connection, Meta.StatementHandle h,
      CalcitePrepare.CalciteSignature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
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

  // JDBC 4 setters Avatica leaves to the driver: to the parameter's site, as Calcite's own do.

  @Override
  public void setRowId(int i, java.sql.RowId x) throws SQLException {
    getSite(i).setRowId(x);
  }

  @Override
  public void setNString(int i, String x) throws SQLException {
    getSite(i).setNString(x);
  }

  @Override
  public void setNCharacterStream(int i, java.io.Reader x, long length) throws SQLException {
    getSite(i).setNCharacterStream(x, length);
  }

  @Override
  public void setNClob(int i, java.sql.NClob x) throws SQLException {
    getSite(i).setNClob(x);
  }

  @Override
  public void setClob(int i, java.io.Reader x, long length) throws SQLException {
    getSite(i).setClob(x, length);
  }

  @Override
  public void setBlob(int i, java.io.InputStream x, long length) throws SQLException {
    getSite(i).setBlob(x, length);
  }

  @Override
  public void setNClob(int i, java.io.Reader x, long length) throws SQLException {
    getSite(i).setNClob(x, length);
  }

  @Override
  public void setSQLXML(int i, java.sql.SQLXML x) throws SQLException {
    getSite(i).setSQLXML(x);
  }

  @Override
  public void setAsciiStream(int i, java.io.InputStream x, long length) throws SQLException {
    getSite(i).setAsciiStream(x, length);
  }

  @Override
  public void setBinaryStream(int i, java.io.InputStream x, long length) throws SQLException {
    getSite(i).setBinaryStream(x, length);
  }

  @Override
  public void setCharacterStream(int i, java.io.Reader x, long length) throws SQLException {
    getSite(i).setCharacterStream(x, length);
  }

  @Override
  public void setAsciiStream(int i, java.io.InputStream x) throws SQLException {
    getSite(i).setAsciiStream(x);
  }

  @Override
  public void setBinaryStream(int i, java.io.InputStream x) throws SQLException {
    getSite(i).setBinaryStream(x);
  }

  @Override
  public void setCharacterStream(int i, java.io.Reader x) throws SQLException {
    getSite(i).setCharacterStream(x);
  }

  @Override
  public void setNCharacterStream(int i, java.io.Reader x) throws SQLException {
    getSite(i).setNCharacterStream(x);
  }

  @Override
  public void setClob(int i, java.io.Reader x) throws SQLException {
    getSite(i).setClob(x);
  }

  @Override
  public void setBlob(int i, java.io.InputStream x) throws SQLException {
    getSite(i).setBlob(x);
  }

  @Override
  public void setNClob(int i, java.io.Reader x) throws SQLException {
    getSite(i).setNClob(x);
  }
}
