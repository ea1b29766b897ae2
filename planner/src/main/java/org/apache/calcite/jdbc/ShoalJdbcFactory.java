package org.apache.calcite.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's factory for a Shoal federation connection: Calcite's own JDBC 4.1 objects, subclassed
 * so that each execution gets its {@link io.shoal.planner.exec.QueryRun} and statements and result
 * sets answer {@code getWarnings()} from it. This is the one place Shoal reaches into Calcite's
 * package: the constructors of Calcite's statements and result sets are package-private, and the
 * factory is Avatica's extension point for them ({@code Driver.getFactoryClassName}).
 */
public class ShoalJdbcFactory extends CalciteFactory {
  /** Calcite's own objects where Shoal adds nothing (metadata). */
  private final CalciteJdbc41Factory calcite = new CalciteJdbc41Factory();

  public ShoalJdbcFactory() {
    super(4, 1);
  }

  @Override
  public FederatedConnection newConnection(UnregisteredDriver driver, AvaticaFactory factory,
      String url, Properties info, CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
    return new FederatedConnection((Driver) driver, factory, url, info, rootSchema, typeFactory);
  }

  @Override
  public FederatedStatement newStatement(AvaticaConnection connection,
      Meta.StatementHandle h, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) {
    return new FederatedStatement((CalciteConnectionImpl) connection, h, resultSetType,
        resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(AvaticaConnection connection,
      Meta.StatementHandle h, Meta.Signature signature, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    return new FederatedPreparedStatement((CalciteConnectionImpl) connection, h,
        (CalcitePrepare.CalciteSignature) signature, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }

  @Override
  public CalciteResultSet newResultSet(AvaticaStatement statement, QueryState state,
      Meta.Signature signature, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    return new FederatedResultSet(statement, (CalcitePrepare.CalciteSignature) signature,
        newResultSetMetaData(statement, signature), timeZone, firstFrame);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return calcite.newDatabaseMetaData(connection);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(AvaticaStatement statement,
      Meta.Signature signature) {
    return calcite.newResultSetMetaData(statement, signature);
  }
}
