package io.shoal.planner.prepare;

import org.apache.calcite.jdbc.Driver;

/**
 * Calcite's driver with Shoal's prepare step (federation rewrites before the Volcano phase). Not
 * registered with DriverManager: {@link io.shoal.planner.Federation} calls it directly.
 */
public final class ShoalCalciteDriver extends Driver {
  public static final String PREFIX = "jdbc:shoal-calcite:";

  public ShoalCalciteDriver() {
    super(ShoalPrepare::new);
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }
}
