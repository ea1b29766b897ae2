package io.shoal.tck;

import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A suite over the shared {@link TestFederation}: a planner connection to its three sites and a
 * read-only connection to the oracle, opened once for the suite's tests and closed after them.
 */
abstract class FederationSuite {
  static TestFederation fed;
  static Connection federation;
  static Connection oracle;

  @BeforeAll
  static void connect() throws Exception {
    fed = TestFederation.get();
    federation = fed.federation();
    oracle = fed.oracle();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
    if (oracle != null) oracle.close();
  }
}
