package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The typed wrapper layer forwards every JDBC method, and nothing in the driver uses reflection proxies. */
class ForwardingTest {
  @Test
  void everyInterfaceMethodIsForwarded() {
    List<String> missing = new ArrayList<>();
    missing.addAll(unforwarded(Connection.class, ForwardingConnection.class));
    missing.addAll(unforwarded(Statement.class, ForwardingStatement.class));
    missing.addAll(unforwarded(PreparedStatement.class, ForwardingPreparedStatement.class));
    missing.addAll(unforwarded(ResultSet.class, ForwardingResultSet.class));
    missing.addAll(unforwarded(DatabaseMetaData.class, ForwardingMetaData.class));
    // A default method left to the interface would not reach the engine (Statement#setLargeMaxRows
    // throws UnsupportedOperationException by default).
    assertThat(missing).isEmpty();
  }

  private static List<String> unforwarded(Class<?> iface, Class<?> forwarder) {
    List<String> out = new ArrayList<>();
    for (Method m : iface.getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        forwarder.getDeclaredMethod(m.getName(), m.getParameterTypes());
      } catch (NoSuchMethodException e) {
        out.add(forwarder.getSimpleName() + " " + m);
      }
    }
    return out;
  }

  @Test
  void noReflectiveProxies() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<String> found = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          String s = Files.readString(p);
          return s.contains("Proxy.newProxyInstance") || s.contains("java.lang.reflect.Method")
              || s.contains("InvocationHandler");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList();
      assertThat(found).isEmpty();
    }
  }
}
