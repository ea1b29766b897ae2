package io.shoal.driver;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.shoal.protocol.SqlStates;
import io.shoal.protocol.YamlFiles;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The coordinator's view of the federation: which sites, their tokens, partial results, and the
 * users file for {@code shoal coordinator}. Read from YAML ({@code config=}) or from the inline
 * {@code sites=} property; both end up here so the two paths validate the same way.
 *
 * <pre>
 * sites:
 *   - { name: eu, uri: "grpc://127.0.0.1:47471", token: "optional" }
 * partial-results: false
 * auth: { users-file: ./users }
 * </pre>
 */
public record CoordinatorConfig(List<Site> sites, boolean partialResults, Path usersFile) {

  /** One site as the coordinator reaches it. */
  public record Site(String name, URI uri, String token) {}

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> SCHEMES = Set.of("grpc", "grpc+tcp", "grpc+tls");

  record RawSite(String name, String uri, String token) {}

  record RawAuth(@JsonProperty("users-file") String usersFile) {}

  record Raw(
      List<RawSite> sites,
      @JsonProperty("partial-results") Boolean partialResults,
      RawAuth auth) {}

  /** Reads and validates a coordinator file; every problem names the file (and line). */
  public static CoordinatorConfig load(Path file) throws SQLException {
    String where = file.toString();
    Raw raw;
    try {
      raw = YamlFiles.read(file, Raw.class);
    } catch (YamlFiles.Invalid e) {
      throw invalid(e.getMessage());
    }
    if (raw == null) {
      throw invalid(where + ": the file is empty (it needs a 'sites:' list)");
    }
    if (raw.sites() == null || raw.sites().isEmpty()) {
      throw invalid(where + ": no sites: add 'sites:' with '- { name: eu, uri: \"grpc://host:port\" }'");
    }
    List<Site> sites = new ArrayList<>();
    for (RawSite s : raw.sites()) {
      if (s == null || s.name() == null) {
        throw invalid(where + ": a site has no 'name'");
      }
      if (s.uri() == null) {
        throw invalid(where + ": site '" + s.name() + "' has no 'uri'");
      }
      sites.add(site(where, s.name(), s.uri(), s.token()));
    }
    checkUnique(where, sites);
    Path users = null;
    if (raw.auth() != null && raw.auth().usersFile() != null) {
      Path base = file.toAbsolutePath().getParent();
      users = base.resolve(raw.auth().usersFile()).normalize();
    }
    return new CoordinatorConfig(
        List.copyOf(sites), raw.partialResults() != null && raw.partialResults(), users);
  }

  /**
   * Parses {@code eu@grpc://host:port,us@grpc://...}; {@code siteTokens} ({@code eu=T,us=T}) and
   * the default {@code token} fill in tokens.
   */
  public static CoordinatorConfig inline(String spec, String siteTokens, String token) throws SQLException {
    Map<String, String> tokens = new java.util.HashMap<>();
    if (siteTokens != null && !siteTokens.isBlank()) {
      for (String part : siteTokens.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw invalid("siteTokens part '" + part.trim() + "' must be site=TOKEN");
        }
        tokens.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    List<Site> sites = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int at = p.indexOf('@');
      if (at <= 0) {
        throw invalid("site '" + p + "' in sites= must be name@grpc://host:port");
      }
      String name = p.substring(0, at).trim();
      sites.add(site("sites=", name, p.substring(at + 1).trim(), tokens.getOrDefault(name, token)));
    }
    if (sites.isEmpty()) {
      throw invalid("sites= is empty (e.g. sites=eu@grpc://localhost:47470)");
    }
    checkUnique("sites=", sites);
    Set<String> names = sites.stream().map(Site::name).collect(Collectors.toSet());
    for (String t : tokens.keySet()) {
      if (!names.contains(t)) {
        throw invalid("siteTokens names site '" + t + "', which is not in sites= " + names);
      }
    }
    return new CoordinatorConfig(List.copyOf(sites), false, null);
  }

  /** The same sites, with the default token for those that have none. */
  public CoordinatorConfig withDefaultToken(String token, Map<String, String> perSite) {
    List<Site> out = new ArrayList<>();
    for (Site s : sites) {
      String t = perSite.getOrDefault(s.name(), s.token() != null ? s.token() : token);
      out.add(new Site(s.name(), s.uri(), t));
    }
    return new CoordinatorConfig(List.copyOf(out), partialResults, usersFile);
  }

  private static Site site(String where, String name, String uri, String token) throws SQLException {
    if (!NAME.matcher(name).matches()) {
      throw invalid(where + ": site name '" + name + "' must be a plain identifier (letters, digits, _)");
    }
    URI u;
    try {
      u = new URI(uri);
    } catch (Exception e) {
      throw invalid(where + ": site '" + name + "': '" + uri + "' is not a URI (grpc://host:port)");
    }
    if (u.getScheme() == null || !SCHEMES.contains(u.getScheme()) || u.getHost() == null || u.getPort() <= 0) {
      throw invalid(where + ": site '" + name + "': '" + uri + "' must be grpc://host:port or grpc+tls://host:port");
    }
    return new Site(name, u, token == null || token.isBlank() ? null : token);
  }

  private static void checkUnique(String where, List<Site> sites) throws SQLException {
    Set<String> seen = new HashSet<>();
    for (Site s : sites) {
      if (!seen.add(s.name().toLowerCase(java.util.Locale.ROOT))) {
        throw invalid(where + ": site '" + s.name() + "' is listed twice");
      }
    }
  }

  static SQLException invalid(String message) {
    return new SQLException("Shoal: " + message, SqlStates.SITE_UNREACHABLE);
  }
}
