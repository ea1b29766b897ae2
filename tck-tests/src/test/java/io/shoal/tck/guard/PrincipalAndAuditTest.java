package io.shoal.tck.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.Json;
import io.shoal.protocol.SiteActions;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who a site believes a caller is, and what of the audit log each caller may read: a site without
 * authentication serves its default principal only, a named principal needs a delegate token, and
 * the audit log shows each principal only its own lines unless the policy names it an audit reader.
 */
class PrincipalAndAuditTest {
  static GuardSite site;

  @BeforeAll
  static void start() throws Exception {
    site = GuardSite.get();
  }

  @Test
  void aSiteWithoutAuthRefusesAClaimedPrincipal() throws Exception {
    try (Connection c = site.flightSql("&x-shoal-principal=dpo")) {
      assertThatThrownBy(() -> query(c, "SELECT email FROM custrows WHERE cust_id = 3"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(GuardAttackTest.messages(e)).contains("no authentication").doesNotContain("user3@"));
    }
    // The default principal still works, and cannot read the denied column.
    try (Connection c = site.flightSql("")) {
      assertThat(query(c, "SELECT count(*) FROM custrows")).containsExactly(List.of("200"));
      assertThatThrownBy(() -> query(c, "SELECT email FROM custrows WHERE cust_id = 3")).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void onlyADelegateTokenMayActForAnotherPrincipal() throws Exception {
    try (Connection alice = site.flightSqlSecured(GuardSite.ALICE_TOKEN, "&x-shoal-principal=dpo")) {
      assertThatThrownBy(() -> query(alice, "SELECT email FROM custrows WHERE cust_id = 3"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(GuardAttackTest.messages(e)).contains("may not act for another user").doesNotContain("user3@"));
    }
    try (Connection delegate = site.flightSqlSecured(GuardSite.COORDINATOR_TOKEN, "&x-shoal-principal=dpo")) {
      assertThat(query(delegate, "SELECT email FROM custrows WHERE cust_id = 3")).containsExactly(List.of("user3@mail.example"));
    }
    // Through the coordinator: its delegate token names the JDBC user.
    try (Connection dpo = site.shoalSecured("dpo")) {
      assertThat(query(dpo, "SELECT email FROM custrows WHERE cust_id = 4")).containsExactly(List.of("user4@mail.example"));
    }
    try (Connection alice = site.shoalSecured("alice")) {
      assertThatThrownBy(() -> query(alice, "SELECT email FROM custrows WHERE cust_id = 4")).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void eachPrincipalReadsOnlyItsOwnAuditLinesUnlessItIsAnAuditReader() throws Exception {
    try (Connection alice = site.flightSqlSecured(GuardSite.ALICE_TOKEN, "");
        Connection bob = site.flightSqlSecured(GuardSite.BOB_TOKEN, "")) {
      query(alice, "SELECT count(*) FROM custrows WHERE name = 'cust11'");
      query(bob, "SELECT count(*) FROM custrows WHERE name = 'cust12'");
    }
    List<JsonNode> aliceSees = auditAction(GuardSite.ALICE_TOKEN);
    assertThat(principals(aliceSees)).containsExactly("alice");
    assertThat(aliceSees).noneMatch(l -> l.path("sql").asText().contains("cust12"));
    List<JsonNode> auditorSees = auditAction(GuardSite.AUDITOR_TOKEN);
    assertThat(principals(auditorSees)).contains("alice", "bob");
    // Reading the audit is audited: alice's read is a line the auditor sees.
    assertThat(auditorSees).anyMatch(l -> l.path("principal").asText().equals("alice")
        && l.path("decision").asText().equals("audit-read"));

    // shoal.audit through the coordinator: the user's own lines only.
    try (Connection viaCoordinator = site.shoalSecured("bob")) {
      List<List<String>> rows = query(viaCoordinator, "SELECT DISTINCT principal FROM shoal.audit");
      assertThat(rows).containsExactly(List.of("bob"));
    }
  }

  @Test
  void aPreparedStatementHandleServesOnlyThePrincipalThatPreparedIt() throws Exception {
    try (RootAllocator allocator = new RootAllocator();
        FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", site.secured.port())).build()) {
      org.apache.arrow.flight.sql.FlightSqlClient sql = new org.apache.arrow.flight.sql.FlightSqlClient(client);
      var dpo = new org.apache.arrow.flight.CallOption[] {bearer(GuardSite.COORDINATOR_TOKEN, "dpo")};
      var bob = new org.apache.arrow.flight.CallOption[] {bearer(GuardSite.BOB_TOKEN, null)};
      var mine = sql.prepare("SELECT email FROM custrows WHERE cust_id = 5", dpo);
      try {
        var info = mine.execute(dpo);
        assertThat(info.getEndpoints()).hasSize(1);
        // The ticket carries dpo's handle (the site packs the prepared-statement command into it).
        var ticket = info.getEndpoints().get(0).getTicket();
        var stolen = com.google.protobuf.Any.parseFrom(ticket.getBytes())
            .unpack(org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery.class);
        var descriptor = org.apache.arrow.flight.FlightDescriptor.command(com.google.protobuf.Any.pack(stolen).toByteArray());
        // Bob replays it: the site treats another principal's handle as unknown.
        assertThatThrownBy(() -> client.getInfo(descriptor, bob))
            .isInstanceOf(FlightRuntimeException.class)
            .hasMessageContaining("unknown or closed prepared statement");
        assertThatThrownBy(() -> {
          try (var stream = client.getStream(ticket, bob)) {
            while (stream.next()) {
              // a leaked row would be read here
            }
          }
        }).isInstanceOf(FlightRuntimeException.class);
        // dpo itself still can.
        try (var stream = client.getStream(ticket, dpo)) {
          assertThat(stream.next()).isTrue();
          assertThat(stream.getRoot().getVector(0).getObject(0).toString()).isEqualTo("user5@mail.example");
        }
      } finally {
        mine.close(dpo);
      }
    }
  }

  private static HeaderCallOption bearer(String token, String principal) {
    CallHeaders headers = new FlightCallHeaders();
    headers.insert("authorization", "Bearer " + token);
    if (principal != null) headers.insert(io.shoal.protocol.ShoalHeaders.PRINCIPAL, principal);
    return new HeaderCallOption(headers);
  }

  @Test
  void aWrongTokenIsRefused() {
    assertThatThrownBy(() -> auditAction("not-a-token")).isInstanceOf(FlightRuntimeException.class);
  }

  private static Set<String> principals(List<JsonNode> lines) {
    Set<String> out = new TreeSet<>();
    lines.forEach(l -> out.add(l.path("principal").asText()));
    return out;
  }

  /** The {@code shoal.audit} Flight action straight at the secured site, as a plain Flight client. */
  static List<JsonNode> auditAction(String token) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator();
        FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", site.secured.port())).build()) {
      CallHeaders headers = new FlightCallHeaders();
      headers.insert("authorization", "Bearer " + token);
      Iterator<Result> results = client.doAction(new Action(SiteActions.AUDIT), new HeaderCallOption(headers));
      while (results.hasNext()) {
        for (String line : new String(results.next().getBody(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) out.add(Json.mapper().readTree(line));
        }
      }
    }
    return out;
  }

  static List<List<String>> query(Connection c, String sql) throws SQLException {
    return GuardClients.rows(c, sql, List.of());
  }

}
