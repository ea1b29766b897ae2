package io.shoal.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;

/**
 * Base of the JDBC wrappers: a dynamic proxy that forwards every call to the engine's object, lets
 * a subclass override a few methods by name, and translates every failure with {@link Errors}.
 * A proxy (rather than hand-written delegates) keeps us compatible with every JDBC interface
 * method, including those added in later Java versions, while overriding only what we must.
 */
abstract class Delegating<T> implements InvocationHandler {
  /** Returned by {@link #intercept} when the call should go to the delegate unchanged. */
  static final Object PASS = new Object();

  final T delegate;
  private final Class<T> iface;

  Delegating(Class<T> iface, T delegate) {
    this.iface = iface;
    this.delegate = delegate;
  }

  @SuppressWarnings("unchecked")
  T proxy() {
    return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {iface}, this);
  }

  /** Override point: a result, or {@link #PASS} to forward. Exceptions are translated. */
  abstract Object intercept(Object proxy, Method m, Object[] args) throws Throwable;

  /** The SQLState to force on failures now (a timeout or cancel we caused), or null. */
  String forcedState() {
    return null;
  }

  @Override
  public final Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "equals":
        if (args != null && args.length == 1) {
          return proxy == args[0];
        }
        break;
      case "hashCode":
        if (args == null) {
          return System.identityHashCode(proxy);
        }
        break;
      case "toString":
        if (args == null) {
          return "Shoal" + iface.getSimpleName() + "[" + delegate + "]";
        }
        break;
      case "unwrap":
        if (args.length == 1 && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
          return proxy;
        }
        break;
      case "isWrapperFor":
        if (args.length == 1 && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
          return true;
        }
        break;
      default:
    }
    try {
      Object r = intercept(proxy, m, args);
      if (r != PASS) {
        return r;
      }
      return m.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw translate(m, e.getCause());
    } catch (SQLException | RuntimeException e) {
      throw translate(m, e);
    }
  }

  Throwable translate(Method m, Throwable t) {
    if (t instanceof java.sql.SQLFeatureNotSupportedException) {
      return t;
    }
    if (t instanceof SQLException || t instanceof RuntimeException) {
      boolean declaresSql = false;
      for (Class<?> e : m.getExceptionTypes()) {
        declaresSql |= e.isAssignableFrom(SQLException.class);
      }
      if (declaresSql) {
        return Errors.translate(t, forcedState());
      }
    }
    return t;
  }
}
