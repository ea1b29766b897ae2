package io.shoal.planner;

import io.shoal.planner.errors.ShoalException;
import io.shoal.planner.errors.TooComplex;
import io.shoal.planner.system.QueryLog;
import io.shoal.planner.system.QueryRecord;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * Statements and result sets of a federation connection that record each execution in the
 * {@link QueryLog} ({@code shoal.queries}) and answer {@code getWarnings()} with the warnings the
 * execution raised (groups a site suppressed, sites skipped under partialResults). Warnings arrive
 * with the sites' batches, so they are complete once the rows have been read.
 */
final class Recording {
  private Recording() {}

  static Object statement(Federation federation, Connection connection, Class<?> iface,
      Statement delegate, String sql) {
    return Proxy.newProxyInstance(Recording.class.getClassLoader(), new Class<?>[] {iface},
        new StatementHandler(federation, connection, delegate, sql));
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw TooComplex.orSelf(e.getCause());
    }
  }

  private static String describe(Throwable t) {
    java.sql.SQLException s = ShoalException.toSqlException(t);
    String msg = s != null ? s.getMessage() : t.getMessage();
    return "error: " + (msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(""));
  }

  /**
   * What both proxies answer alike: unwrap/isWrapperFor (including the {@link QueryRecord} of the
   * last run), identity-based equals/hashCode, toString; everything else goes to the delegate.
   */
  static Object wrapperMethod(Object proxy, Object delegate, Method m, Object[] args, QueryRecord record)
      throws Throwable {
    switch (m.getName()) {
      case "unwrap":
        if (args[0] instanceof Class<?> c && c.isInstance(proxy)) return proxy;
        if (args[0] == QueryRecord.class) return record;
        break;
      case "isWrapperFor":
        if (args[0] instanceof Class<?> c && (c.isInstance(proxy) || c == QueryRecord.class)) return true;
        break;
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "Recording[" + delegate + "]";
      default:
    }
    return invoke(delegate, m, args);
  }

  static final class StatementHandler implements InvocationHandler {
    private final Federation federation;
    private final Connection connection;
    private final Statement delegate;
    private final String preparedSql;
    private volatile QueryRecord last;

    StatementHandler(Federation federation, Connection connection, Statement delegate, String sql) {
      this.federation = federation;
      this.connection = connection;
      this.delegate = delegate;
      this.preparedSql = sql;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      switch (m.getName()) {
        case "execute":
        case "executeQuery":
        case "executeUpdate":
        case "executeLargeUpdate":
          return execute(proxy, m, args);
        case "getResultSet": {
          ResultSet rs = (ResultSet) Recording.invoke(delegate, m, args);
          return rs == null ? null : resultSet(proxy, rs, last);
        }
        case "getWarnings": {
          QueryRecord r = last;
          return r == null ? Recording.invoke(delegate, m, args) : r.warnings();
        }
        case "clearWarnings":
          last = null;
          return Recording.invoke(delegate, m, args);
        case "getConnection":
          return connection;
        default:
      }
      return Recording.wrapperMethod(proxy, delegate, m, args, last);
    }

    private Object execute(Object proxy, Method m, Object[] args) throws Throwable {
      String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
      QueryRecord record = QueryLog.start(sql, federation.principal());
      last = record;
      for (SQLWarning w : federation.missingSiteWarnings()) {
        record.warn(w);
      }
      federation.setCurrent(record);
      Object r;
      try {
        r = Recording.invoke(delegate, m, args);
      } catch (Throwable t) {
        record.finish(describe(t));
        throw t;
      } finally {
        federation.setCurrent(null);
      }
      if (r instanceof ResultSet rs) {
        return resultSet(proxy, rs, record);
      }
      if (!Boolean.TRUE.equals(r)) {
        record.finish("ok"); // an update count: nothing left to read
      }
      return r;
    }

    private ResultSet resultSet(Object statement, ResultSet rs, QueryRecord record) {
      if (record == null) {
        return rs;
      }
      return (ResultSet) Proxy.newProxyInstance(Recording.class.getClassLoader(),
          new Class<?>[] {ResultSet.class}, new ResultSetHandler(statement, rs, record));
    }
  }

  static final class ResultSetHandler implements InvocationHandler {
    private final Object statement;
    private final ResultSet delegate;
    private final QueryRecord record;
    private volatile boolean cleared;

    ResultSetHandler(Object statement, ResultSet delegate, QueryRecord record) {
      this.statement = statement;
      this.delegate = delegate;
      this.record = record;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
      switch (m.getName()) {
        case "next":
          try {
            boolean more = (Boolean) Recording.invoke(delegate, m, args);
            if (!more) {
              record.finish("ok");
            }
            return more;
          } catch (Throwable t) {
            record.finish(describe(t));
            throw t;
          }
        case "close":
          record.finish("ok");
          return Recording.invoke(delegate, m, args);
        case "getWarnings":
          return cleared ? null : record.warnings();
        case "clearWarnings":
          cleared = true;
          return null;
        case "getStatement":
          return statement;
        default:
      }
      return Recording.wrapperMethod(proxy, delegate, m, args, record);
    }
  }
}
