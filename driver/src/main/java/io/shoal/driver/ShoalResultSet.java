package io.shoal.driver;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
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
import java.util.TimeZone;

/**
 * A result set whose {@code getObject(i, Class)} knows the java.time types (JDBC 4.2) and reads
 * date/time values through a UTC calendar, so the answer does not depend on the JVM's default
 * time zone: a TIMESTAMP is a wall-clock value and comes back as the same LocalDateTime
 * everywhere; a TIMESTAMP WITH (LOCAL) TIME ZONE is an instant.
 */
final class ShoalResultSet extends Delegating<ResultSet> {
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private final ShoalStatement<?> statement;
  private final long maxRows;
  private final RowFixer fixer;
  private long rows;
  private ResultSetMetaData meta;

  private ShoalResultSet(ResultSet delegate, ShoalStatement<?> statement, long maxRows, RowFixer fixer) {
    super(ResultSet.class, delegate);
    this.statement = statement;
    this.maxRows = maxRows;
    this.fixer = fixer;
  }

  static ResultSet wrap(ResultSet delegate, ShoalStatement<?> statement) {
    return new ShoalResultSet(delegate, statement, statement == null ? 0 : statement.maxRows(), null).proxy();
  }

  /** The engine's result set's columns, without rows. */
  static ResultSet empty(ResultSet delegate) {
    return new ShoalResultSet(delegate, null, -1, null).proxy();
  }

  /** A metadata result set whose rows {@code fixer} corrects (sizes, type names). */
  static ResultSet wrap(ResultSet delegate, RowFixer fixer) {
    return new ShoalResultSet(delegate, null, 0, fixer).proxy();
  }

  /** Rewrites some columns of each row of an engine result set, or drops the row. */
  interface RowFixer {
    /**
     * 1-based column index to replacement value, for the current row of {@code rs}; null to skip
     * the row.
     */
    java.util.Map<Integer, Object> fix(ResultSet rs) throws SQLException;
  }

  private java.util.Map<Integer, Object> fixed = java.util.Map.of();
  private Boolean fixedNull;

  @Override
  String forcedState() {
    return statement == null ? null : statement.forcedState();
  }

  @Override
  Object intercept(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "next": {
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
            fixed = java.util.Map.of();
          }
          fixedNull = null;
        } else if (statement != null) {
          statement.disarm();
        }
        return more;
      }
      case "wasNull":
        return fixedNull != null ? fixedNull : PASS;
      case "close":
        if (statement != null) {
          statement.disarm();
        }
        return PASS;
      case "getStatement":
        return statement == null ? delegate.getStatement() : statement.self();
      case "getObject":
      case "getString":
      case "getInt":
      case "getShort":
      case "getLong":
        if (!fixed.isEmpty() && args.length >= 1) {
          int col = args[0] instanceof Integer i ? i : delegate.findColumn((String) args[0]);
          if (fixed.containsKey(col)) {
            return fixedValue(m.getName(), col, args.length == 2 ? args[1] : null);
          }
        }
        fixedNull = null;
        if (m.getName().equals("getObject") && args.length == 2 && args[1] instanceof Class<?> type) {
          int col = args[0] instanceof Integer i ? i : delegate.findColumn((String) args[0]);
          return getObject(col, type);
        }
        return PASS;
      default:
        return PASS;
    }
  }

  private Object fixedValue(String getter, int col, Object type) {
    Object v = fixed.get(col);
    fixedNull = v == null;
    switch (getter) {
      case "getString":
        return v == null ? null : v.toString();
      case "getInt":
        return v == null ? 0 : ((Number) v).intValue();
      case "getShort":
        return v == null ? (short) 0 : ((Number) v).shortValue();
      case "getLong":
        return v == null ? 0L : ((Number) v).longValue();
      default:
        if (v instanceof Number n && type == Long.class) {
          return n.longValue();
        }
        if (v instanceof Number n && type == Short.class) {
          return n.shortValue();
        }
        return v;
    }
  }

  private Object getObject(int col, Class<?> type) throws SQLException {
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
