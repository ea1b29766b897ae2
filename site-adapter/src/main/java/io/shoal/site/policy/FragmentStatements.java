package io.shoal.site.policy;

import io.shoal.site.SiteException;
import java.sql.PreparedStatement;

/**
 * The fragment's prepared statements on its own connection, for a check that needs a statement's
 * columns: the one prepared here is the one the fragment later runs, so nothing is prepared twice.
 */
@FunctionalInterface
public interface FragmentStatements {
  /** The statement for {@code sql}; its owner closes it, never the caller. */
  PreparedStatement prepared(String sql) throws SiteException;
}
