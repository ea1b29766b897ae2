package io.shoal.tck.driver;

import io.shoal.tck.TestFederation;

/** The JDBC URLs the driver suites use against the shared three-site federation. */
final class DriverUrls {
  private DriverUrls() {}

  static String embedded() throws Exception {
    return "jdbc:shoal:sites=" + TestFederation.get().sitesProperty() + ";user=tck";
  }
}
