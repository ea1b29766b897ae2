package io.shoal.lake.servers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Iceberg's reference REST catalog (RESTCatalogAdapter and RESTCatalogServlet from iceberg-open-api's
 * test fixtures) on one address. Configured like the stock RESTCatalogServer, by {@code CATALOG_*}
 * environment variables ({@code CATALOG_} stripped, {@code __} to {@code -}, {@code _} to {@code .},
 * lower case), plus {@code CATALOG_REST_HOST} (default 127.0.0.1) and {@code CATALOG_REST_PORT}
 * (default 0: any free port). Unlike the stock main it binds only that host, fails on a busy port
 * instead of sharing it (SO_REUSEPORT), and logs no property (the stock one logs the S3 secret).
 * Prints {@code rest catalog listening on HOST:PORT} once it serves.
 */
public final class RestCatalogMain {
  private RestCatalogMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> props = new HashMap<>();
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("CATALOG_")) {
        props.put(k.substring("CATALOG_".length()).replace("__", "-").replace("_", ".").toLowerCase(Locale.ROOT), v);
      }
    });
    String host = props.getOrDefault("rest.host", "127.0.0.1");
    int port = Integer.parseInt(props.getOrDefault("rest.port", "0"));
    props.remove("rest.host");
    props.remove("rest.port");
    if (!props.containsKey("type") && !props.containsKey("catalog-impl")) props.put("type", "jdbc");
    props.putIfAbsent("jdbc.schema-version", "V1");
    Catalog backend = CatalogUtil.buildIcebergCatalog("rest_backend", props, null);

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    // SO_REUSEADDR (a restart may bind while old connections linger); never SO_REUSEPORT.
    connector.setReuseAddress(true);
    connector.setReusePort(false);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(backend))), "/*");
    server.setHandler(context);
    server.start();
    System.out.println("rest catalog listening on " + host + ":" + connector.getLocalPort());
    System.out.flush();
    server.join();
  }
}
