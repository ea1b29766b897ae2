package io.shoal.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.ShoalHeaders;
import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bearer tokens, secure-by-default start-up and the {@code site} command's exit codes. */
class AuthAndStartTest {
  @TempDir Path dir;

  private TestSite siteWithTokens() throws Exception {
    Files.writeString(dir.resolve("tokens"), "# token principal\nsecret-a alice\n\nsecret-b bob  # the other one\n");
    return TestSite.start(
        dir,
        "auth: { tokens-file: tokens }\ntables:\n  nation: { duckdb: nation }\n",
        "CREATE TABLE nation AS SELECT range AS k FROM range(25)");
  }

  @Test
  void jdbcWithTheRightTokenWorksAndWrongOrMissingIsUnauthenticated() throws Exception {
    try (TestSite site = siteWithTokens()) {
      try (Connection c = site.connect("secret-a");
          ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM nation")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(25);
      }
      assertThatThrownBy(() -> site.connect("wrong").createStatement().executeQuery("SELECT 1"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(FlightCodes.of(e)).isEqualTo("UNAUTHENTICATED"));
      assertThatThrownBy(() -> site.connect().createStatement().executeQuery("SELECT 1"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(FlightCodes.of(e)).isEqualTo("UNAUTHENTICATED"));
    }
  }

  @Test
  void flightSqlClientWithWrongOrMissingTokenIsUnauthenticated() throws Exception {
    try (TestSite site = siteWithTokens();
        RootAllocator allocator = new RootAllocator();
        FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", site.port())).build();
        FlightSqlClient sql = new FlightSqlClient(client)) {
      CredentialCallOption wrong = new CredentialCallOption(new BearerCredentialWriter("nope"));
      assertThatThrownBy(() -> sql.execute("SELECT 1", wrong))
          .isInstanceOfSatisfying(
              FlightRuntimeException.class, e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED));
      assertThatThrownBy(() -> sql.execute("SELECT 1"))
          .isInstanceOfSatisfying(
              FlightRuntimeException.class, e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED));

      CredentialCallOption right = new CredentialCallOption(new BearerCredentialWriter("secret-b"));
      CallHeaders headers = new FlightCallHeaders();
      headers.insert(ShoalHeaders.QUERY_ID, "q-123");
      FlightInfo info = sql.execute("SELECT sum(k)::BIGINT AS s FROM nation", right, new HeaderCallOption(headers));
      try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), right)) {
        assertThat(stream.next()).isTrue();
        assertThat(stream.getRoot().getVector("s").getObject(0)).isEqualTo(300L);
      }
    }
  }

  @Test
  void nonLoopbackWithoutAuthRefusesToStart() throws Exception {
    Path yaml = dir.resolve("open.yaml");
    Files.writeString(yaml, "name: eu\nregion: r\ndata: ./data\nlisten: 0.0.0.0:0\n");
    SiteConfig config = SiteConfig.load(yaml);
    assertThatThrownBy(() -> SiteServer.start(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("open.yaml")
        .hasMessageContaining("not a loopback address")
        .hasMessageNotContaining("\n");
    // The override is checked the same way.
    Path local = dir.resolve("local.yaml");
    Files.writeString(local, "name: eu\nregion: r\ndata: ./data\nlisten: 127.0.0.1:0\n");
    assertThatThrownBy(() -> SiteServer.start(SiteConfig.load(local), "0.0.0.0:0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth");
  }

  @Test
  void siteCommandPrintsOneLineAndExitsTwoOnBadConfig() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "name: eu\nregion: r\ndata: ./data\nexpor: rows\n");
    Files.writeString(dir.resolve("open.yaml"), "name: eu\nregion: r\ndata: ./data\nlisten: 0.0.0.0:0\n");
    for (String[] args :
        new String[][] {
          {"--config", dir.resolve("missing.yaml").toString()},
          {"--config", dir.resolve("bad.yaml").toString()},
          {"--config", dir.resolve("open.yaml").toString()},
          {"--config", dir.resolve("open.yaml").toString(), "--listen", "nonsense"}
        }) {
      PrintStream old = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code;
      try {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        code = new CommandLine(new SiteCommand()).execute(args);
      } finally {
        System.setErr(old);
      }
      String out = err.toString(StandardCharsets.UTF_8);
      assertThat(code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(out.strip()).as(out).doesNotContain("\n").doesNotContain("Exception").isNotEmpty();
    }
  }
}
