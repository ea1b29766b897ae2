package io.shoal.planner.prepare;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.FederatedMeta;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.jdbc.ShoalJdbcFactory;

/**
 * Calcite's driver with Shoal's prepare step (federation rewrites before the Volcano phase). Not
 * registered with DriverManager: {@code io.shoal.planner.Federation} calls it directly. Its
 * connections, statements and result sets come from {@link ShoalJdbcFactory}: each execution of a
 * plan gets its own {@code QueryRun} there.
 */
public final class ShoalCalciteDriver extends Driver {
  public static final String PREFIX = "jdbc:shoal-calcite:";

  public ShoalCalciteDriver() {
    super(ShoalPrepare::new);
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return FederatedMeta.of(connection);
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return ShoalJdbcFactory.class.getName();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }
}
