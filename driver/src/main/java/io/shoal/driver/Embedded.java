package io.shoal.driver;

import io.shoal.protocol.SqlStates;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Opens the embedded coordinator: the planner's Calcite connection over the configured sites.
 */
final class Embedded {
  private Embedded() {}

  static Connection connect(ShoalUrl url) throws SQLException {
    CoordinatorConfig config = config(url);
    Properties p = new Properties();
    put(p, "user", url.get(ShoalProperty.USER));
    boolean partial = config.partialResults()
        || url.properties().containsKey(ShoalProperty.PARTIAL_RESULTS) && url.getBoolean(ShoalProperty.PARTIAL_RESULTS);
    p.setProperty(ShoalProperty.PARTIAL_RESULTS.key(), Boolean.toString(partial));
    p.setProperty(ShoalProperty.CONNECT_TIMEOUT.key(), Integer.toString(url.getInt(ShoalProperty.CONNECT_TIMEOUT)));
    put(p, ShoalProperty.TLS_TRUSTED_CERTS.key(), url.get(ShoalProperty.TLS_TRUSTED_CERTS));
    return federation(config.sites(), p);
  }

  static CoordinatorConfig config(ShoalUrl url) throws SQLException {
    String token = url.get(ShoalProperty.TOKEN);
    String siteTokens = url.get(ShoalProperty.SITE_TOKENS);
    if (url.get(ShoalProperty.CONFIG) != null) {
      CoordinatorConfig yaml = CoordinatorConfig.load(Path.of(url.get(ShoalProperty.CONFIG)));
      // Tokens given on the URL fill in (siteTokens override) what the file has.
      CoordinatorConfig names = siteTokens == null ? null
          : CoordinatorConfig.inline(
              String.join(",", yaml.sites().stream().map(s -> s.name() + "@" + s.uri()).toList()),
              siteTokens, null);
      java.util.Map<String, String> perSite = new java.util.HashMap<>();
      if (names != null) {
        names.sites().forEach(s -> {
          if (s.token() != null) {
            perSite.put(s.name(), s.token());
          }
        });
      }
      return yaml.withDefaultToken(token, perSite);
    }
    return CoordinatorConfig.inline(url.get(ShoalProperty.SITES), siteTokens, token);
  }

  private static void put(Properties p, String k, String v) {
    if (v != null) {
      p.setProperty(k, v);
    }
  }

  /**
   * {@code io.shoal.planner.Federation.connect(List<SiteEndpoint>, Properties)}, looked up by name
   * while the planner module's API is landing.
   */
  private static Connection federation(List<CoordinatorConfig.Site> sites, Properties p) throws SQLException {
    try {
      Class<?> endpoint = Class.forName("io.shoal.planner.SiteEndpoint");
      Constructor<?> ctor = endpoint.getConstructor(String.class, URI.class, String.class);
      List<Object> eps = new ArrayList<>();
      for (CoordinatorConfig.Site s : sites) {
        eps.add(ctor.newInstance(s.name(), s.uri(), s.token()));
      }
      Method connect = Class.forName("io.shoal.planner.Federation").getMethod("connect", List.class, Properties.class);
      return (Connection) connect.invoke(null, eps, p);
    } catch (InvocationTargetException e) {
      throw Errors.translate(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new SQLException("Shoal: the planner is missing from the class path (" + e.getMessage() + ")",
          SqlStates.INTERNAL_ERROR, e);
    }
  }
}
