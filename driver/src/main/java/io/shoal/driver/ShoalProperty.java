package io.shoal.driver;

import io.shoal.planner.Federation;
import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every connection property the driver understands: one list, so that parsing, validation and
 * {@link java.sql.Driver#getPropertyInfo} (what DBeaver shows) can never disagree. The names the
 * planner reads are {@link Federation}'s constants: compile-time constants, so javac copies them in
 * and the remote-only jar, which has no planner, never loads Federation.
 */
public enum ShoalProperty {
  CONFIG("config", null, "Path to a coordinator YAML file listing the sites (embedded mode)."),
  SITES(
      "sites",
      null,
      "Sites inline, comma-separated: name@grpc://host:port (grpc+tls:// for TLS). Embedded mode."),
  URL("url", null, "Coordinator server address, e.g. http://host:8765 (remote mode only)."),
  USER(Federation.USER, null, "Your user name: the principal forwarded to every site."),
  PASSWORD("password", null, "Password for the coordinator server (remote mode)."),
  TOKEN("token", null, "Bearer token sent to every site that has no token of its own."),
  SITE_TOKENS(
      "siteTokens", null, "Per-site bearer tokens, comma-separated: eu=TOKEN,us=TOKEN."),
  TLS_TRUSTED_CERTS(
      Federation.TLS_TRUSTED_CERTS, null, "PEM file with the certificates to trust for grpc+tls:// sites."),
  PARTIAL_RESULTS(
      Federation.PARTIAL_RESULTS,
      "false",
      "true: a query returns what the reachable sites give, with a warning naming the missing ones."),
  QUERY_TIMEOUT(
      "queryTimeout", "0", "Default statement timeout in seconds; 0 waits for ever."),
  CONNECT_TIMEOUT(
      Federation.CONNECT_TIMEOUT, "10", "Seconds to wait for a site to answer before it counts as down."),
  KEEPALIVE(
      Federation.KEEPALIVE,
      "10",
      "Seconds between pings to a site during a call (10 at least); a stopped site fails the query"
          + " after keepalive + keepaliveTimeout."),
  KEEPALIVE_TIMEOUT(
      Federation.KEEPALIVE_TIMEOUT, "5", "Seconds a site may take to answer a ping before it counts as lost (08006)."),
  METADATA_CACHE_SECONDS(
      "metadataCacheSeconds", "30", "How long table lists and columns are cached before sites are asked again.");

  private final String key;
  private final String defaultValue;
  private final String description;

  ShoalProperty(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Looks a key up case-insensitively, as users type {@code partialresults} too. */
  public static Optional<ShoalProperty> of(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.key.toLowerCase(Locale.ROOT).equals(k)).findFirst();
  }

  DriverPropertyInfo info(String currentValue) {
    DriverPropertyInfo info = new DriverPropertyInfo(key, currentValue != null ? currentValue : defaultValue);
    info.description = description;
    info.required = false;
    if ("false".equals(defaultValue)) {
      info.choices = new String[] {"true", "false"};
    }
    return info;
  }
}
