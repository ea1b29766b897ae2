package io.shoal.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * {@code Statement.cancel()} (and so the query timeout) through {@code shoal coordinator}. Avatica's
 * protocol has no cancel request: its client only sets a local flag, after waiting for the running
 * execute to give up the statement's monitor, and the coordinator went on running the query. So the
 * thin client asks the coordinator itself, over the same signed-in HTTP channel: a connection sync
 * whose catalog names the statement, which {@link CoordinatorServer} turns into a cancel of that
 * statement of that connection (it never becomes the connection's catalog).
 */
final class RemoteCancel {
  /** A catalog value no schema can have: Shoal's catalog is always null. */
  static final String PREFIX = "\u0000shoal-cancel:";

  private RemoteCancel() {}

  /** Asks the coordinator to cancel {@code statement} (an Avatica statement of {@code avatica}). */
  static void send(Connection avatica, Statement statement) throws SQLException {
    int id = statement.unwrap(AvaticaStatement.class).getId();
    // Avatica keeps a set property locally and sends it with the next read of the properties.
    avatica.setCatalog(PREFIX + id);
    avatica.getCatalog();
  }

  /** The statement id a catalog value asks to cancel, or -1 when it is an ordinary value. */
  static int statementId(String catalog) {
    if (catalog == null || !catalog.startsWith(PREFIX)) {
      return -1;
    }
    try {
      return Integer.parseInt(catalog.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
