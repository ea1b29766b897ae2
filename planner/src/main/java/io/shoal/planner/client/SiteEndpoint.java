package io.shoal.planner.client;

import java.net.URI;
import java.util.Objects;

/**
 * Where a site listens and how to authenticate to it.
 *
 * @param name the site's name (its schema name), e.g. {@code eu}
 * @param uri {@code grpc://host:port} or {@code grpc+tls://host:port}
 * @param token bearer token for the site, or null
 */
public record SiteEndpoint(String name, URI uri, String token) {
  public SiteEndpoint {
    Objects.requireNonNull(name, "site name");
    Objects.requireNonNull(uri, "site uri");
    String scheme = uri.getScheme();
    if (!"grpc".equals(scheme) && !"grpc+tls".equals(scheme) && !"grpc+tcp".equals(scheme)) {
      throw new IllegalArgumentException(
          "site " + name + ": uri must be grpc://host:port or grpc+tls://host:port, not " + uri);
    }
  }

  public SiteEndpoint(String name, String uri, String token) {
    this(name, URI.create(uri), token);
  }

  @Override
  public String toString() {
    return name + "@" + uri; // never the token
  }
}
