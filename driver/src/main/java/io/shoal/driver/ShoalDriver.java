package io.shoal.driver;

import io.shoal.protocol.ShoalVersion;
import io.shoal.protocol.SqlStates;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * {@code jdbc:shoal:} — embedded ({@code jdbc:shoal:sites=...} or {@code config=...}: the planner
 * runs in this JVM) or remote ({@code jdbc:shoal:remote:url=http://host:8765}: a thin Avatica
 * client of {@code shoal coordinator}). Either way the application sees the same read-only
 * connection with the same error SQLStates.
 */
public final class ShoalDriver implements Driver {
  static {
    try {
      DriverManager.registerDriver(new ShoalDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null; // JDBC contract: another driver's URL
    }
    ShoalUrl parsed = ShoalUrl.parse(url, info);
    int timeout = parsed.getInt(ShoalProperty.QUERY_TIMEOUT);
    parsed.getInt(ShoalProperty.METADATA_CACHE_SECONDS);
    Connection c;
    try {
      c = parsed.remote() ? Remote.connect(parsed) : Embedded.connect(parsed);
    } catch (SQLException | RuntimeException e) {
      throw Errors.translate(e);
    } catch (NoClassDefFoundError e) {
      // The remote-only jar has no planner.
      throw new SQLException("Shoal: embedded mode needs the full shoal-jdbc jar (this one is remote-only:"
          + " use jdbc:shoal:remote:url=http://host:port)", SqlStates.FEATURE_NOT_SUPPORTED);
    }
    return new ShoalConnection(c, redact(url), parsed.get(ShoalProperty.USER), timeout, parsed.remote());
  }

  /** The URL for DatabaseMetaData.getURL: never echo a password or token. */
  static String redact(String url) {
    return url.replaceAll("(?i)((?:password|token|siteTokens)=)[^;]*", "$1***");
  }

  @Override
  public boolean acceptsURL(String url) {
    return ShoalUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties given = info == null ? new Properties() : info;
    ShoalUrl parsed = null;
    try {
      parsed = ShoalUrl.parse(url, given);
    } catch (SQLException e) {
      // Tools call this while the user is still typing the URL: list the properties anyway.
    }
    ShoalProperty[] all = ShoalProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      String current = parsed != null ? parsed.properties().get(all[i]) : given.getProperty(all[i].key());
      if (all[i] == ShoalProperty.PASSWORD || all[i] == ShoalProperty.TOKEN || all[i] == ShoalProperty.SITE_TOKENS) {
        current = null;
      }
      out[i] = all[i].info(current);
    }
    return out;
  }

  @Override
  public int getMajorVersion() {
    return ShoalVersion.MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return ShoalVersion.MINOR;
  }

  /** Not fully compliant: no transactions and no updates (a read-only federation). */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("Shoal logs through SLF4J", SqlStates.FEATURE_NOT_SUPPORTED);
  }
}
