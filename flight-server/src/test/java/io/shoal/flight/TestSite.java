package io.shoal.flight;

import io.shoal.site.config.SiteConfig;
import io.shoal.site.duck.DuckSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;

/** A real site in a temporary folder: DuckDB file, Parquet files and YAML, served on 127.0.0.1:0. */
final class TestSite implements AutoCloseable {
  final Path dir;
  final Path yaml;
  final SiteServer server;

  private TestSite(Path dir, Path yaml, SiteServer server) {
    this.dir = dir;
    this.yaml = yaml;
    this.server = server;
  }

  /**
   * @param setup SQL run on the site's DuckDB file first; {@code $DATA} is replaced by the data folder
   * @param yamlBody the YAML after the name/region/data/listen lines (tables:, auth:, ...)
   */
  static TestSite start(Path dir, String yamlBody, String... setup) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    if (setup.length > 0) {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckSite.DB_FILE));
          Statement st = c.createStatement()) {
        for (String sql : setup) st.execute(sql.replace("$DATA", data.toString()));
      }
    }
    Path yaml = dir.resolve("site.yaml");
    Files.writeString(
        yaml, "name: eu\nregion: eu-west-1\ndata: ./data\nlisten: 127.0.0.1:0\n" + yamlBody);
    return new TestSite(dir, yaml, SiteServer.start(SiteConfig.load(yaml)));
  }

  int port() {
    return server.port();
  }

  String url() {
    return "jdbc:arrow-flight-sql://127.0.0.1:" + port() + "?useEncryption=false";
  }

  Connection connect() throws Exception {
    return DriverManager.getConnection(url());
  }

  Connection connect(String token) throws Exception {
    Properties p = new Properties();
    p.setProperty("token", token);
    return DriverManager.getConnection(url(), p);
  }

  @Override
  public void close() {
    server.close();
  }
}
