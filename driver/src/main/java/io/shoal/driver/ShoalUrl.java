package io.shoal.driver;

import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A parsed {@code jdbc:shoal:} URL plus connection properties.
 *
 * <p>Grammar: {@code jdbc:shoal:key=value;key=value} (embedded) or {@code
 * jdbc:shoal:remote:key=value;...} (remote, through the coordinator server). Values may not contain
 * {@code ;}. Properties passed to {@code connect} override the URL's.
 */
public record ShoalUrl(boolean remote, Map<ShoalProperty, String> properties) {

  public static final String PREFIX = "jdbc:shoal:";
  private static final String REMOTE = "remote:";

  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /** Parses and validates; every problem is an SQLException that says what to write instead. */
  public static ShoalUrl parse(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      throw invalid("not a Shoal URL: '" + url + "' (expected jdbc:shoal:...)");
    }
    String rest = url.substring(PREFIX.length());
    boolean remote = rest.startsWith(REMOTE);
    if (remote) {
      rest = rest.substring(REMOTE.length());
    }
    Map<ShoalProperty, String> props = new EnumMap<>(ShoalProperty.class);
    for (String part : rest.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw invalid("malformed part '" + part + "' in " + url + " (expected key=value, separated by ;)");
      }
      props.put(property(part.substring(0, eq).trim()), part.substring(eq + 1).trim());
    }
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        props.put(property(key), info.getProperty(key));
      }
    }
    ShoalUrl parsed = new ShoalUrl(remote, props);
    parsed.checkMode(url);
    return parsed;
  }

  /** The value set by the user, or the property's default (may be null). */
  public String get(ShoalProperty p) {
    return properties.getOrDefault(p, p.defaultValue());
  }

  public boolean getBoolean(ShoalProperty p) throws SQLException {
    String v = get(p).toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw invalid(p.key() + " must be true or false, not '" + get(p) + "'");
    }
    return Boolean.parseBoolean(v);
  }

  public int getInt(ShoalProperty p) throws SQLException {
    try {
      int v = Integer.parseInt(get(p).trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw invalid(p.key() + " must be a whole number of seconds >= 0, not '" + get(p) + "'");
    }
  }

  private void checkMode(String url) throws SQLException {
    if (remote) {
      if (get(ShoalProperty.URL) == null) {
        throw invalid("remote mode needs url=http://host:port, e.g. jdbc:shoal:remote:url=http://localhost:8765");
      }
      for (ShoalProperty p : new ShoalProperty[] {ShoalProperty.CONFIG, ShoalProperty.SITES}) {
        if (properties.containsKey(p)) {
          throw invalid(p.key() + " is for embedded mode; a remote coordinator has its own sites");
        }
      }
    } else {
      boolean config = get(ShoalProperty.CONFIG) != null;
      boolean sites = get(ShoalProperty.SITES) != null;
      if (config == sites) {
        throw invalid(
            (config ? "give either config= or sites=, not both" : "no sites given")
                + " in " + url + " (e.g. jdbc:shoal:config=/path/coordinator.yaml or"
                + " jdbc:shoal:sites=eu@grpc://localhost:47470,us@grpc://localhost:47471)");
      }
      if (properties.containsKey(ShoalProperty.URL)) {
        throw invalid("url= is for remote mode: write jdbc:shoal:remote:url=...");
      }
    }
  }

  private static ShoalProperty property(String key) throws SQLException {
    return ShoalProperty.of(key)
        .orElseThrow(
            () ->
                invalid(
                    "unknown property '" + key + "'; known: "
                        + Stream.of(ShoalProperty.values()).map(ShoalProperty::key).collect(Collectors.joining(", "))));
  }

  static SQLException invalid(String message) {
    return new SQLException("Shoal: " + message, SqlStates.SITE_UNREACHABLE);
  }
}
