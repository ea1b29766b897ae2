package io.shoal.site;

import io.shoal.protocol.SiteInfo;
import io.shoal.site.limits.SiteLimits;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One site's data as the outside world may see it: the only API the Flight server uses. Everything
 * behind it (DuckDB, Iceberg, policy, audit) stays inside site-adapter.
 */
public interface Site extends AutoCloseable {

  /** Name, region, tables and policy, as served by the {@code shoal.site-info} action, for the default policy. */
  default SiteInfo info() {
    return info(null);
  }

  /**
   * What this principal may see: tables with {@code export: none} are left out, and the policy is
   * the one that applies to the principal.
   */
  SiteInfo info(String principal);

  /** The Arrow schema of a registered table; fails with {@link SiteException.Kind#NOT_FOUND}. */
  Schema tableSchema(String table) throws SiteException;

  /**
   * Parses and checks one fragment (SELECT only, registered tables only) and prepares it. Nothing is
   * read until {@link Fragment#run} is called.
   */
  Fragment prepare(String sql, FragmentContext context) throws SiteException;

  /**
   * The audit log's lines (JSON) that {@code reader} may read: all of them for the policy's
   * {@code audit-readers}, else only the lines of the reader's own fragments. The read is audited.
   */
  List<String> auditFor(FragmentContext reader) throws SiteException;

  /**
   * The limits this site's server holds its callers to (prepared statements, unread streams), as
   * the site's configuration sets them.
   */
  default SiteLimits limits() {
    return SiteLimits.defaults();
  }

  /** Interrupts every running fragment and refuses new ones: the site is stopping. */
  default void interruptAll() {}

  @Override
  void close();

  /** Who asks and under which federated query id; both go to the log and the audit. */
  record FragmentContext(String queryId, String principal) {
    public static FragmentContext anonymous(String queryId) {
      return new FragmentContext(queryId, "anonymous");
    }
  }

  /** A checked, prepared fragment. May be run several times with different parameters. */
  interface Fragment extends AutoCloseable {
    /** The schema of the result, known before any row is read. */
    Schema resultSchema() throws SiteException;

    /** Number of {@code ?} placeholders. */
    int parameterCount();

    /**
     * The types DuckDB infers for the placeholders, as Arrow fields {@code parameter_1..n}: clients
     * such as the Flight SQL JDBC driver bind values by this schema.
     */
    Schema parameterSchema() throws SiteException;

    /** Starts the fragment; rows are produced as the returned reader is read. */
    FragmentRun run(List<Object> parameters) throws SiteException;

    /**
     * Interrupts a run in progress, including one still inside {@link #run} (DuckDB computes
     * blocking operators such as aggregates before the first batch). The run then fails with
     * {@link SiteException.Kind#CANCELLED}.
     */
    void cancel();

    @Override
    void close();
  }
}
