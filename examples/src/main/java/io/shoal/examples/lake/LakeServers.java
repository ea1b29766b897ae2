package io.shoal.examples.lake;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lake on loopback: S3Proxy (a real S3 API server over a folder) and Iceberg's reference REST
 * catalog server backed by SQLite, each in a JVM of its own, started from the jars that
 * {@code examples/lake-servers} builds. Used by the lake test suites and {@code shoal demo --lake}.
 * Either server can be stopped and started again on the same port (the failure suites).
 */
public final class LakeServers implements AutoCloseable {
  /** The bucket that holds the warehouse. */
  public static final String BUCKET = "lake";
  public static final String ACCESS_KEY = "shoal";
  private static final Pattern LISTENING = Pattern.compile("rest catalog listening on [^:]+:(\\d+)");

  private final Path serversDir;
  private final Path root;
  private final String secret;
  private final int storePort;
  private int catalogPort;
  private Process store;
  private Process catalog;

  private LakeServers(Path serversDir, Path root, String secret, int storePort) {
    this.serversDir = serversDir;
    this.root = root;
    this.secret = secret;
    this.storePort = storePort;
  }

  /**
   * Starts both servers with their data under {@code root}.
   *
   * @param serversDir {@code examples/lake-servers/target}: s3proxy.jar, rest-catalog.classpath
   *     and the module's jar
   */
  public static LakeServers start(Path serversDir, Path root) throws IOException, InterruptedException {
    for (String f : List.of("s3proxy.jar", "rest-catalog.classpath")) {
      if (!Files.isRegularFile(serversDir.resolve(f))) {
        throw new IOException(serversDir.resolve(f) + " is missing: build examples/lake-servers first (mvn -pl examples/lake-servers package)");
      }
    }
    Files.createDirectories(root.resolve("s3").resolve(BUCKET));
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    LakeServers lake = new LakeServers(serversDir, root, HexFormat.of().formatHex(b), freePort());
    try {
      lake.startStore();
      lake.startCatalog();
    } catch (IOException | InterruptedException | RuntimeException e) {
      lake.close();
      throw e;
    }
    return lake;
  }

  /** {@code http://127.0.0.1:PORT} of S3Proxy. */
  public String storeEndpoint() {
    return "http://127.0.0.1:" + storePort;
  }

  /** {@code http://127.0.0.1:PORT} of the REST catalog. */
  public String catalogUri() {
    return "http://127.0.0.1:" + catalogPort;
  }

  /** The S3 secret (written to {@link #secretFile()} for site configs to reference). */
  public String secret() {
    return secret;
  }

  /** A file holding the S3 secret, for {@code ${file:...}} in a site's YAML. */
  public Path secretFile() throws IOException {
    Path f = root.resolve("s3-secret");
    if (!Files.exists(f)) Files.writeString(f, secret + "\n");
    return f;
  }

  public String warehouse() {
    return "s3://" + BUCKET + "/warehouse";
  }

  /**
   * A site's {@code catalog:} properties for this lake, Iceberg's own names, with the secret as a
   * reference to {@link #secretFile()} so that it is never in the YAML.
   */
  public Map<String, String> siteCatalog() throws IOException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("type", "rest");
    p.put("uri", catalogUri());
    p.put("warehouse", warehouse());
    p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    p.put("s3.endpoint", storeEndpoint());
    p.put("s3.path-style-access", "true");
    p.put("s3.access-key-id", ACCESS_KEY);
    p.put("s3.secret-access-key", "${file:" + secretFile() + "}");
    p.put("client.region", "us-east-1");
    p.put("s3.request-checksum-calculation", "when_required");
    return p;
  }

  /** The same as YAML flow mapping text: {@code { type: rest, uri: "...", ... }}. */
  public static String yaml(Map<String, String> props) {
    List<String> parts = new ArrayList<>();
    props.forEach((k, v) -> parts.add(k + ": \"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    return "{ " + String.join(", ", parts) + " }";
  }

  public synchronized void startStore() throws IOException, InterruptedException {
    if (store != null && store.isAlive()) return;
    Path props = root.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=" + storeEndpoint(),
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + secret,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + root.resolve("s3")) + "\n");
    ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx256m", "-jar", serversDir.resolve("s3proxy.jar").toString(),
        "--properties", props.toString());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("s3proxy.log").toFile()));
    store = pb.start();
    awaitPort(store, storePort, "S3Proxy", root.resolve("s3proxy.log"));
  }

  public synchronized void stopStore() throws InterruptedException {
    stop(store);
    store = null;
  }

  public synchronized void startCatalog() throws IOException, InterruptedException {
    if (catalog != null && catalog.isAlive()) return;
    Path log = root.resolve("rest-catalog.log");
    long offset = Files.exists(log) ? Files.size(log) : 0;
    String cp = serversDir.resolve("shoal-lake-servers-0.1.0-SNAPSHOT.jar") + java.io.File.pathSeparator
        + Files.readString(serversDir.resolve("rest-catalog.classpath")).strip();
    ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx384m", "-cp", cp, "io.shoal.lake.servers.RestCatalogMain");
    Map<String, String> env = pb.environment();
    env.put("CATALOG_WAREHOUSE", warehouse());
    // Readers (every query's table refresh) and a commit meet on one SQLite file: without a busy
    // timeout the commit fails at once with SQLITE_BUSY (seen as 500 "Unknown failure").
    env.put("CATALOG_URI", "jdbc:sqlite:" + root.resolve("catalog.db") + "?journal_mode=WAL&busy_timeout=10000");
    env.put("CATALOG_IO__IMPL", "org.apache.iceberg.aws.s3.S3FileIO");
    env.put("CATALOG_S3_ENDPOINT", storeEndpoint());
    env.put("CATALOG_S3_PATH__STYLE__ACCESS", "true");
    env.put("CATALOG_S3_ACCESS__KEY__ID", ACCESS_KEY);
    env.put("CATALOG_S3_SECRET__ACCESS__KEY", secret);
    env.put("CATALOG_CLIENT_REGION", "us-east-1");
    env.put("CATALOG_HTTP__CLIENT_TYPE", "urlconnection");
    // Fail fast when the store is down, so that the catalog answers the site before its timeout.
    env.put("CATALOG_S3_RETRY_NUM__RETRIES", "1");
    env.put("CATALOG_S3_RETRY_MIN__WAIT__MS", "100");
    env.put("CATALOG_S3_RETRY_MAX__WAIT__MS", "500");
    env.put("CATALOG_HTTP__CLIENT_URLCONNECTION_CONNECTION__TIMEOUT__MS", "2000");
    env.put("CATALOG_REST_PORT", Integer.toString(catalogPort));
    env.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    catalog = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!catalog.isAlive()) throw new IOException("the REST catalog server stopped at start-up; see " + log);
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = LISTENING.matcher(text.substring((int) Math.min(offset, text.length())));
      if (m.find()) {
        catalogPort = Integer.parseInt(m.group(1));
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException("the REST catalog server did not start within 60 s; see " + log);
  }

  public synchronized void stopCatalog() throws InterruptedException {
    stop(catalog);
    catalog = null;
  }

  private static void stop(Process p) throws InterruptedException {
    if (p == null) return;
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitPort(Process p, int port, String what, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) throw new IOException(what + " stopped at start-up; see " + log);
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException(what + " did not listen on port " + port + " within 60 s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    try {
      stopCatalog();
      stopStore();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
