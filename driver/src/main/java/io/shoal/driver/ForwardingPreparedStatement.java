package io.shoal.driver;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Forwards every method {@link PreparedStatement} adds to {@link java.sql.Statement} to the
 * engine's and turns its failures into Shoal's ({@link Forwarding#failure}). No behaviour of its
 * own: Shoal's is in the subclass. It extends {@link ShoalStatement}, not a plain forwarder, so
 * that a prepared statement behaves as a Shoal statement (timeouts, cancel, maxRows) without a
 * second copy of that code.
 */
abstract class ForwardingPreparedStatement extends ShoalStatement<PreparedStatement>
    implements PreparedStatement {
  ForwardingPreparedStatement(PreparedStatement delegate, ShoalConnection connection) {
    super(delegate, connection);
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    run(() -> delegate.setArray(parameterIndex, x));
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    run(() -> delegate.setRef(parameterIndex, x));
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return call(delegate::executeQuery);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return call(delegate::executeUpdate);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    run(() -> delegate.setNull(parameterIndex, sqlType));
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    run(() -> delegate.setNull(parameterIndex, sqlType, typeName));
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    run(() -> delegate.setBoolean(parameterIndex, x));
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    run(() -> delegate.setByte(parameterIndex, x));
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    run(() -> delegate.setShort(parameterIndex, x));
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    run(() -> delegate.setInt(parameterIndex, x));
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    run(() -> delegate.setLong(parameterIndex, x));
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    run(() -> delegate.setFloat(parameterIndex, x));
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    run(() -> delegate.setDouble(parameterIndex, x));
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    run(() -> delegate.setBigDecimal(parameterIndex, x));
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    run(() -> delegate.setString(parameterIndex, x));
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    run(() -> delegate.setBytes(parameterIndex, x));
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    run(() -> delegate.setDate(parameterIndex, x));
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    run(() -> delegate.setDate(parameterIndex, x, cal));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    run(() -> delegate.setTime(parameterIndex, x));
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    run(() -> delegate.setTime(parameterIndex, x, cal));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    run(() -> delegate.setTimestamp(parameterIndex, x));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    run(() -> delegate.setTimestamp(parameterIndex, x, cal));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    run(() -> delegate.setAsciiStream(parameterIndex, x, length));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    run(() -> delegate.setAsciiStream(parameterIndex, x));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    run(() -> delegate.setAsciiStream(parameterIndex, x, length));
  }

  @Override
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    run(() -> delegate.setUnicodeStream(parameterIndex, x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    run(() -> delegate.setBinaryStream(parameterIndex, x));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    run(() -> delegate.setBinaryStream(parameterIndex, x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    run(() -> delegate.setBinaryStream(parameterIndex, x, length));
  }

  @Override
  public void clearParameters() throws SQLException {
    run(delegate::clearParameters);
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    run(() -> delegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    run(() -> delegate.setObject(parameterIndex, x, targetSqlType));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    run(() -> delegate.setObject(parameterIndex, x, targetSqlType, scaleOrLength));
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    run(() -> delegate.setObject(parameterIndex, x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    run(() -> delegate.setObject(parameterIndex, x, targetSqlType));
  }

  @Override
  public boolean execute() throws SQLException {
    return call(delegate::execute);
  }

  @Override
  public void addBatch() throws SQLException {
    run(delegate::addBatch);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
    run(() -> delegate.setCharacterStream(parameterIndex, reader, length));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
    run(() -> delegate.setCharacterStream(parameterIndex, reader, length));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    run(() -> delegate.setCharacterStream(parameterIndex, reader));
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return call(delegate::getMetaData);
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    run(() -> delegate.setURL(parameterIndex, x));
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return call(delegate::getParameterMetaData);
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    run(() -> delegate.setRowId(parameterIndex, x));
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    run(() -> delegate.setNString(parameterIndex, value));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
    run(() -> delegate.setNCharacterStream(parameterIndex, value, length));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    run(() -> delegate.setNCharacterStream(parameterIndex, value));
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    run(() -> delegate.setNClob(parameterIndex, value));
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    run(() -> delegate.setNClob(parameterIndex, reader));
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    run(() -> delegate.setNClob(parameterIndex, reader, length));
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    run(() -> delegate.setClob(parameterIndex, x));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    run(() -> delegate.setClob(parameterIndex, reader));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    run(() -> delegate.setClob(parameterIndex, reader, length));
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    run(() -> delegate.setBlob(parameterIndex, x));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    run(() -> delegate.setBlob(parameterIndex, inputStream));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
    run(() -> delegate.setBlob(parameterIndex, inputStream, length));
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    run(() -> delegate.setSQLXML(parameterIndex, xmlObject));
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return call(delegate::executeLargeUpdate);
  }
}
