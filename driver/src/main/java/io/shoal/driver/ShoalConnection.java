package io.shoal.driver;

import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.Executor;

/**
 * The connection handed to applications: the engine's connection (Calcite embedded, Avatica
 * remote) behaving like a read-only database. Transactions are accepted and ignored, since a query
 * only reads, so that pools and ORMs that call commit/rollback never fail; statements and
 * metadata are wrapped so errors carry SQLStates and timeouts work the same in both modes.
 */
final class ShoalConnection extends Delegating<Connection> {
  private final String url;
  private final String user;
  private final int defaultQueryTimeout;
  private final boolean remote;
  private Connection self;
  private volatile int networkTimeoutMillis;

  private ShoalConnection(Connection delegate, String url, String user, int defaultQueryTimeout, boolean remote) {
    super(Connection.class, delegate);
    this.remote = remote;
    this.url = url;
    this.user = user;
    this.defaultQueryTimeout = defaultQueryTimeout;
  }

  static Connection wrap(Connection delegate, String url, String user, int defaultQueryTimeout, boolean remote) {
    ShoalConnection h = new ShoalConnection(delegate, url, user, defaultQueryTimeout, remote);
    h.self = h.proxy();
    return h.self;
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  Connection self() {
    return self;
  }

  @Override
  Object intercept(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "isReadOnly":
        checkOpen();
        return true;
      case "setReadOnly":
        // A hint by the JDBC spec: a read-only database may ignore it (PostgreSQL's replicas do).
        checkOpen();
        return null;
      case "getAutoCommit":
        checkOpen();
        return true;
      case "setAutoCommit":
      case "commit":
      case "rollback":
      case "setTransactionIsolation":
      case "releaseSavepoint":
        checkOpen();
        return null;
      case "getTransactionIsolation":
        checkOpen();
        return Connection.TRANSACTION_NONE;
      case "setSavepoint":
        throw new SQLFeatureNotSupportedException("Shoal: savepoints are not supported (read-only database)", "0A000");
      case "createStatement":
        checkOpen();
        return ShoalStatement.wrap(Statement.class, (Statement) m.invoke(delegate, args), this, null);
      case "prepareStatement":
        checkOpen();
        return ShoalStatement.wrap(PreparedStatement.class, (PreparedStatement) m.invoke(delegate, args), this,
            (String) args[0]);
      case "prepareCall":
        checkOpen();
        return ShoalStatement.wrap(CallableStatement.class, (CallableStatement) m.invoke(delegate, args), this, null);
      case "getMetaData":
        checkOpen();
        return ShoalMetaData.wrap((DatabaseMetaData) m.invoke(delegate, args), this);
      case "setNetworkTimeout":
        // Pools (HikariCP) set this; the engine has no socket of its own in embedded mode.
        checkOpen();
        networkTimeoutMillis = (Integer) args[1];
        return null;
      case "getNetworkTimeout":
        checkOpen();
        return networkTimeoutMillis;
      case "abort":
        ((Executor) args[0]).execute(() -> {
          try {
            delegate.close();
          } catch (Exception ignored) {
            // abort is best effort by contract
          }
        });
        return null;
      case "nativeSQL":
        return args[0];
      case "isValid":
        if ((Integer) args[0] < 0) {
          throw new java.sql.SQLException("Shoal: isValid timeout must be >= 0", "22023");
        }
        return !delegate.isClosed();
      default:
        return PASS;
    }
  }

  /** Whether this is a thin client of {@code shoal coordinator}. */
  boolean remote() {
    return remote;
  }

  /** The engine's connection (Calcite's embedded, Avatica's remote). */
  Connection engine() {
    return delegate;
  }

  int defaultQueryTimeout() {
    return defaultQueryTimeout;
  }

  private void checkOpen() throws java.sql.SQLException {
    if (delegate.isClosed()) {
      throw new java.sql.SQLException("Shoal: connection is closed", "08003");
    }
  }
}
