package org.apache.calcite.avatica.jdbc;

import java.sql.Statement;

/**
 * The JDBC statement behind one of JdbcMeta's statement ids, which Avatica keeps package-private.
 * {@code shoal coordinator} needs it to cancel a statement a thin client asks it to cancel
 * (io.shoal.driver.RemoteCancel): Avatica's protocol has no cancel request of its own.
 */
public final class ShoalStatementInfos {
  private ShoalStatementInfos() {}

  public static Statement statement(StatementInfo info) {
    return info.statement;
  }
}
