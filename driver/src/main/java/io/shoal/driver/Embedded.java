package io.shoal.driver;

import io.shoal.planner.Federation;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.protocol.SiteInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the embedded coordinator: the planner's Calcite connection over the configured sites. Site
 * metadata is cached for {@code metadataCacheSeconds}: table lists rarely change, and asking every
 * site on every connect would make pools (HikariCP) and BI tools slow.
 */
final class Embedded {
  private Embedded() {}

  static Connection connect(ShoalUrl url) throws SQLException {
    requireArrowFlag();
    CoordinatorConfig config = config(url);
    Properties p = new Properties();
    put(p, Federation.USER, url.get(ShoalProperty.USER));
    boolean partial = config.partialResults()
        || url.properties().containsKey(ShoalProperty.PARTIAL_RESULTS) && url.getBoolean(ShoalProperty.PARTIAL_RESULTS);
    p.setProperty(Federation.PARTIAL_RESULTS, Boolean.toString(partial));
    p.setProperty(Federation.CONNECT_TIMEOUT, Integer.toString(url.getInt(ShoalProperty.CONNECT_TIMEOUT)));
    put(p, Federation.TLS_TRUSTED_CERTS, url.get(ShoalProperty.TLS_TRUSTED_CERTS));
    // Only when given: the planner's defaults are the documented ones.
    for (ShoalProperty k : new ShoalProperty[] {ShoalProperty.KEEPALIVE, ShoalProperty.KEEPALIVE_TIMEOUT}) {
      if (url.properties().containsKey(k)) {
        p.setProperty(k.key(), url.get(k));
      }
    }
    return federation(config.sites(), p, url.getInt(ShoalProperty.METADATA_CACHE_SECONDS));
  }

  /** The flag Arrow needs (FACTS.md), as the README tells people embedding the driver. */
  static final String ARROW_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  /**
   * Arrow, under the Flight client, reads the native address of NIO buffers by reflection. Without
   * java.nio opened to it the first site call failed deep inside gRPC, and the user saw "site eu
   * failed: Failed to read message" (57014) with "Failed to initialize MemoryUtil" seven causes
   * down; this says it at connect, with the flag to add.
   */
  static void requireArrowFlag() throws SQLException {
    if (!java.nio.Buffer.class.getModule().isOpen("java.nio", Embedded.class.getModule())) {
      throw new SQLException("Shoal: the embedded driver needs java.nio opened to Apache Arrow:"
          + " start the JVM with " + ARROW_FLAG + " (or use a jdbc:shoal:remote: URL, which needs"
          + " no flag)", io.shoal.protocol.SqlStates.SITE_UNREACHABLE);
    }
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
   * Site metadata by site list and user, so a pool opening many connections asks the sites once.
   * The user is part of the key: a site answers with the tables and policy of the caller's
   * principal (a dpo may see more than an analyst).
   */
  private static final ConcurrentHashMap<List<Object>, Cached> CACHE = new ConcurrentHashMap<>();

  private record Cached(List<SiteInfo> infos, long expiresNanos) {}

  private static Connection federation(List<CoordinatorConfig.Site> sites, Properties p, int cacheSeconds)
      throws SQLException {
    List<SiteEndpoint> eps = new ArrayList<>();
    for (CoordinatorConfig.Site s : sites) {
      eps.add(new SiteEndpoint(s.name(), s.uri(), s.token()));
    }
    List<Object> key = java.util.Arrays.asList(eps, p.getProperty(Federation.USER));
    Cached c = cacheSeconds > 0 ? CACHE.get(key) : null;
    if (c != null && System.nanoTime() - c.expiresNanos() < 0) {
      return Federation.connect(eps, c.infos(), p);
    }
    Connection conn = Federation.connect(eps, p);
    if (cacheSeconds > 0) {
      Federation f = conn.unwrap(Federation.class);
      List<SiteInfo> infos = new ArrayList<>();
      for (SiteEndpoint e : eps) {
        SiteInfo info = f.siteInfo(e.name());
        if (info == null) {
          return conn; // a site is down (partial results): ask again next time
        }
        infos.add(info);
      }
      CACHE.put(key, new Cached(List.copyOf(infos), System.nanoTime() + cacheSeconds * 1_000_000_000L));
    }
    return conn;
  }
}
