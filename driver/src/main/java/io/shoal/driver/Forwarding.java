package io.shoal.driver;

import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Wrapper;
import java.util.Objects;

/**
 * The base of the driver's JDBC objects: each wraps the engine's object (Calcite's connection
 * embedded, Avatica's remote) and forwards to it. The {@code Forwarding*} classes forward every
 * method of one JDBC interface and nothing else; what Shoal adds is in their {@code Shoal*}
 * subclasses. Every failure of the engine goes through {@link #failure}, so errors reach the
 * caller with a SQLState and a clean message whatever method failed.
 */
abstract class Forwarding<D extends Wrapper> implements Wrapper {
  /** A call to the engine. */
  interface SqlCall<T> {
    T call() throws SQLException;
  }

  /** A call to the engine without a result. */
  interface SqlRun {
    void run() throws SQLException;
  }

  /** The engine's object. */
  final D delegate;

  Forwarding(D delegate) {
    this.delegate = Objects.requireNonNull(delegate);
  }

  /** The SQLState to force on failures now (a timeout or cancel we caused), or null. */
  String forcedState() {
    return null;
  }

  /**
   * The exception the caller sees for a failure of the engine. "Not supported" keeps its type,
   * which tools test for (they skip the feature), and gets the state it lacks (Avatica's has none).
   */
  SQLException failure(Exception e) {
    if (e instanceof SQLFeatureNotSupportedException s) {
      return s.getSQLState() != null ? s : new SQLFeatureNotSupportedException("Shoal: "
          + (s.getMessage() == null ? "this JDBC method is not supported" : Errors.clean(s.getMessage())),
          SqlStates.FEATURE_NOT_SUPPORTED, s);
    }
    return Errors.translate(e, forcedState());
  }

  final <T> T call(SqlCall<T> c) throws SQLException {
    try {
      return c.call();
    } catch (SQLException | RuntimeException e) {
      throw failure(e);
    }
  }

  final void run(SqlRun r) throws SQLException {
    try {
      r.run();
    } catch (SQLException | RuntimeException e) {
      throw failure(e);
    }
  }

  /** This object for the interfaces it implements (so identities hold), else the engine's answer. */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : call(() -> delegate.unwrap(iface));
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || call(() -> delegate.isWrapperFor(iface));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
