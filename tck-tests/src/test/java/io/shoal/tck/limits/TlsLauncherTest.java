package io.shoal.tck.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS end to end from the launcher's class path: `shoal site` with a certificate, queried by the
 * official Flight SQL JDBC driver and by jdbc:shoal in a client on the launcher's class path; a
 * certificate the client does not trust gets its own one-line error, unlike an unreachable site.
 * (Before: every handshake failed with ClassNotFoundException io.netty.channel.unix.UnixChannel.)
 */
class TlsLauncherTest {
  @TempDir Path dir;

  private void openssl(String key, String cert) throws Exception {
    Process p =
        new ProcessBuilder(
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(key).toString(),
                "-out", dir.resolve(cert).toString(), "-days", "30", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
  }

  @Test
  void tlsWorksThroughTheLauncherAndAWrongCertificateSaysSo() throws Exception {
    openssl("key.pem", "cert.pem");
    openssl("other-key.pem", "other.pem");
    Files.createDirectories(dir.resolve("eu"));
    Path yaml = dir.resolve("eu.yaml");
    Files.writeString(yaml, "name: eu\ndata: ./eu\nlisten: 127.0.0.1:0\nthreads: 1\n"
        + "tls: { cert-chain: ./cert.pem, private-key: ./key.pem }\n");
    try (LauncherSite site = LauncherSite.start(yaml)) {
      String flight = "jdbc:arrow-flight-sql://localhost:" + site.port + "?useEncryption=true&tlsRootCerts="
          + dir.resolve("cert.pem");
      try (Connection c = DriverManager.getConnection(flight); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT 42 AS answer")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
      String shoal = "jdbc:shoal:sites=eu@grpc+tls://localhost:" + site.port + ";tlsTrustedCerts=";
      List<String> good = LauncherSite.output(
          LauncherSite.client(dir, LauncherSite.JDBC_CLIENT, shoal + dir.resolve("cert.pem"), "SELECT 42 AS answer"), 120);
      assertThat(good).as(String.join("\n", good)).contains("OK 42");
      List<String> wrong = LauncherSite.output(
          LauncherSite.client(dir, LauncherSite.JDBC_CLIENT, shoal + dir.resolve("other.pem"), "SELECT 42 AS answer"), 120);
      String wrongLine = wrong.stream().filter(l -> l.startsWith("ERR")).findFirst().orElse(String.join("\n", wrong));
      String closed = "jdbc:shoal:sites=eu@grpc+tls://localhost:1;tlsTrustedCerts=" + dir.resolve("cert.pem");
      List<String> down = LauncherSite.output(
          LauncherSite.client(dir, LauncherSite.JDBC_CLIENT, closed, "SELECT 42 AS answer"), 120);
      String downLine = down.stream().filter(l -> l.startsWith("ERR")).findFirst().orElse(String.join("\n", down));
      System.out.println("wrong certificate: " + wrongLine);
      System.out.println("unreachable: " + downLine);
      assertThat(wrongLine).startsWith("ERR 08001").contains("site eu").contains("certificate is not trusted");
      assertThat(downLine).startsWith("ERR 08001").contains("site eu").contains("unreachable").doesNotContain("certificate");
    }
  }
}
