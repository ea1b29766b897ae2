package io.shoal.driver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Map;
import java.util.TimeZone;

/**
 * A result set whose {@code getObject(i, Class)} knows the java.time types (JDBC 4.2) and reads
 * date/time values through a UTC calendar, so the answer does not depend on the JVM's default
 * time zone: a TIMESTAMP is a wall-clock value and comes back as the same LocalDateTime
 * everywhere; a TIMESTAMP WITH (LOCAL) TIME ZONE is an instant. It also ends its statement's
 * query timer when the rows are read or it is closed, cuts rows at the statement's maxRows, and
 * for metadata, corrects or drops the engine's rows ({@link RowFixer}).
 */
final class ShoalResultSet extends ForwardingResultSet {
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private final ShoalStatement<?> statement;
  private final long maxRows;
  private final RowFixer fixer;
  private long rows;
  private ResultSetMetaData meta;
  /** The current row's corrected columns (1-based index to value). */
  private Map<Integer, Object> fixed = Map.of();
  /** Whether the last value read was a corrected null; null when the engine's wasNull holds. */
  private Boolean fixedNull;

  private ShoalResultSet(ResultSet delegate, ShoalStatement<?> statement, long maxRows, RowFixer fixer) {
    super(delegate);
    this.statement = statement;
    this.maxRows = maxRows;
    this.fixer = fixer;
  }

  /** A query's rows, cut at the statement's maxRows. */
  static ResultSet of(ResultSet delegate, ShoalStatement<?> statement) {
    return new ShoalResultSet(delegate, statement, statement.maxRows(), null);
  }

  /** The engine's result set's columns, without rows. */
  static ResultSet empty(ResultSet delegate) {
    return new ShoalResultSet(delegate, null, -1, null);
  }

  /** A metadata result set whose rows {@code fixer} corrects (sizes, type names); or as is if null. */
  static ResultSet of(ResultSet delegate, RowFixer fixer) {
    return new ShoalResultSet(delegate, null, 0, fixer);
  }

  /** Rewrites some columns of each row of an engine result set, or drops the row. */
  interface RowFixer {
    /**
     * 1-based column index to replacement value, for the current row of {@code rs}; null to skip
     * the row.
     */
    Map<Integer, Object> fix(ResultSet rs) throws SQLException;
  }

  @Override
  String forcedState() {
    return statement == null ? null : statement.forcedState();
  }

  @Override
  public boolean next() throws SQLException {
    try {
      // Enforced here too: a prepared statement's maxRows reaches Calcite only at prepare time.
      boolean more = (maxRows == 0 || rows < maxRows) && delegate.next();
      while (more && fixer != null) {
        fixed = fixer.fix(delegate);
        if (fixed != null) {
          break;
        }
        more = delegate.next();
      }
      if (more) {
        rows++;
        if (fixer == null) {
          fixed = Map.of();
        }
        fixedNull = null;
      } else if (statement != null) {
        statement.disarm();
      }
      return more;
    } catch (SQLException | RuntimeException e) {
      throw failure(e);
    }
  }

  @Override
  public boolean wasNull() throws SQLException {
    return fixedNull != null ? fixedNull : super.wasNull();
  }

  @Override
  public void close() throws SQLException {
    if (statement != null) {
      statement.disarm();
    }
    super.close();
  }

  @Override
  public Statement getStatement() throws SQLException {
    return statement != null ? statement : super.getStatement();
  }

  /** Whether column {@code col} of this row is corrected; sets what {@link #wasNull} says. */
  private boolean isFixed(int col) {
    if (!fixed.isEmpty() && fixed.containsKey(col)) {
      fixedNull = fixed.get(col) == null;
      return true;
    }
    fixedNull = null;
    return false;
  }

  private int column(String label) throws SQLException {
    return findColumn(label);
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    if (isFixed(columnIndex)) {
      Object v = fixed.get(columnIndex);
      return v == null ? null : v.toString();
    }
    return super.getString(columnIndex);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return fixed.isEmpty() ? super.getString(columnLabel) : getString(column(columnLabel));
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    if (isFixed(columnIndex)) {
      Object v = fixed.get(columnIndex);
      return v == null ? 0 : ((Number) v).intValue();
    }
    return super.getInt(columnIndex);
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return fixed.isEmpty() ? super.getInt(columnLabel) : getInt(column(columnLabel));
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    if (isFixed(columnIndex)) {
      Object v = fixed.get(columnIndex);
      return v == null ? 0 : ((Number) v).shortValue();
    }
    return super.getShort(columnIndex);
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return fixed.isEmpty() ? super.getShort(columnLabel) : getShort(column(columnLabel));
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    if (isFixed(columnIndex)) {
      Object v = fixed.get(columnIndex);
      return v == null ? 0L : ((Number) v).longValue();
    }
    return super.getLong(columnIndex);
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return fixed.isEmpty() ? super.getLong(columnLabel) : getLong(column(columnLabel));
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return isFixed(columnIndex) ? fixed.get(columnIndex) : super.getObject(columnIndex);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return fixed.isEmpty() ? super.getObject(columnLabel) : getObject(column(columnLabel));
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return isFixed(columnIndex) ? fixed.get(columnIndex) : super.getObject(columnIndex, map);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return fixed.isEmpty() ? super.getObject(columnLabel, map) : getObject(column(columnLabel), map);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    if (isFixed(columnIndex)) {
      Object v = fixed.get(columnIndex);
      if (v instanceof Number n && type == Long.class) {
        return (T) Long.valueOf(n.longValue());
      }
      if (v instanceof Number n && type == Short.class) {
        return (T) Short.valueOf(n.shortValue());
      }
      return (T) v;
    }
    return (T) call(() -> convertOrNull(columnIndex, type));
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(column(columnLabel), type);
  }

  private Object convertOrNull(int col, Class<?> type) throws SQLException {
    Object v = convert(col, type);
    return delegate.wasNull() ? null : v;
  }

  private Object convert(int col, Class<?> type) throws SQLException {
    if (type == LocalDate.class) {
      Date d = delegate.getDate(col, utc());
      return d == null ? null : Instant.ofEpochMilli(d.getTime()).atZone(ZoneOffset.UTC).toLocalDate();
    }
    if (type == LocalDateTime.class) {
      Timestamp t = delegate.getTimestamp(col, utc());
      return t == null ? null : LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
    }
    if (type == LocalTime.class) {
      Time t = delegate.getTime(col, utc());
      return t == null ? null : LocalTime.ofNanoOfDay(Math.floorMod(t.getTime(), 86_400_000L) * 1_000_000L);
    }
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
      // TIMESTAMP WITH LOCAL TIME ZONE holds an instant; a plain TIMESTAMP is read as UTC wall clock.
      Timestamp t = delegate.getTimestamp(col, utc());
      if (t == null) {
        return null;
      }
      Instant i = t.toInstant();
      if (type == Instant.class) {
        return i;
      }
      return type == OffsetDateTime.class ? i.atOffset(ZoneOffset.UTC) : i.atZone(ZoneOffset.UTC);
    }
    if (type == OffsetTime.class) {
      LocalTime t = (LocalTime) convert(col, LocalTime.class);
      return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
    if (type == Date.class) {
      return delegate.getDate(col);
    }
    if (type == Timestamp.class) {
      return delegate.getTimestamp(col);
    }
    if (type == Time.class) {
      return delegate.getTime(col);
    }
    if (type == String.class) {
      return delegate.getString(col);
    }
    if (type == Integer.class) {
      return delegate.getInt(col);
    }
    if (type == Long.class) {
      return delegate.getLong(col);
    }
    if (type == Short.class) {
      return delegate.getShort(col);
    }
    if (type == Byte.class) {
      return delegate.getByte(col);
    }
    if (type == Double.class) {
      return delegate.getDouble(col);
    }
    if (type == Float.class) {
      return delegate.getFloat(col);
    }
    if (type == Boolean.class) {
      return delegate.getBoolean(col);
    }
    if (type == BigDecimal.class) {
      return delegate.getBigDecimal(col);
    }
    if (type == BigInteger.class) {
      BigDecimal d = delegate.getBigDecimal(col);
      return d == null ? null : d.toBigIntegerExact();
    }
    if (type == byte[].class) {
      return delegate.getBytes(col);
    }
    if (type == Object.class) {
      return delegate.getObject(col);
    }
    Object o = delegate.getObject(col);
    if (o == null || type.isInstance(o)) {
      return o;
    }
    throw new SQLException("Shoal: column " + col + " (" + typeName(col) + ") cannot be read as "
        + type.getName(), "22018");
  }

  private String typeName(int col) {
    try {
      if (meta == null) {
        meta = delegate.getMetaData();
      }
      return meta.getColumnName(col) + " " + meta.getColumnTypeName(col);
    } catch (SQLException e) {
      return "type " + Types.OTHER;
    }
  }

  /** A fresh calendar per call: Calendar is mutable and result sets may be read from pools. */
  private static Calendar utc() {
    return Calendar.getInstance(UTC);
  }
}
