package org.apache.calcite.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Calcite's meta, with statements created and closed one at a time per connection. Calcite numbers
 * a connection's statements with an unguarded {@code statementCount++} and keeps them in a plain
 * HashMap, so two threads creating statements on one connection at once (SchemaCrawler reads
 * metadata from a thread pool) could get the same id: one thread's statement replaced the other's,
 * and its result set failed with "Statement closed" (seen in a full build, 1 run in 3 of
 * SchemaCrawlerTest). Creating a statement is cheap; planning is not under this lock.
 */
public final class FederatedMeta extends CalciteMetaImpl {
  @SuppressWarnings("deprecation")
  private FederatedMeta(CalciteConnectionImpl connection) {
    super(connection);
  }

  /** The meta of a connection {@link ShoalJdbcFactory} made ({@code Driver.createMeta}). */
  public static Meta of(AvaticaConnection connection) {
    return new FederatedMeta((CalciteConnectionImpl) connection);
  }

  @Override
  public synchronized StatementHandle createStatement(ConnectionHandle ch) {
    return super.createStatement(ch);
  }

  @Override
  public synchronized void closeStatement(Meta.StatementHandle h) {
    super.closeStatement(h);
  }
}
