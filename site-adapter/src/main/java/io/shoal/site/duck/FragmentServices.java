package io.shoal.site.duck;

import io.shoal.site.audit.AuditRecord;
import io.shoal.site.limits.FragmentLimits;
import io.shoal.site.policy.PolicyCheck;
import io.shoal.site.privacy.PrivateAnswers;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What every fragment of one site shares, built once when the site opens: its connections, Arrow
 * memory, policy check, audit, limits, private answers and schema cache. A fragment gets this and
 * only its own parts (connection, SQL, tables, caller, policy) besides.
 *
 * @param site the site's name, for messages and the audit
 * @param audit where the fragment's audit lines go
 * @param schemaCache result schemas by fragment SQL and the views it reads (see DuckFragment)
 * @param privateAnswers budget and noise for private tables; null where no policy is enforced
 */
record FragmentServices(
    String site,
    ConnectionPool pool,
    BufferAllocator allocator,
    PolicyCheck policyCheck,
    Consumer<AuditRecord> audit,
    Map<String, Schema> schemaCache,
    FragmentLimits limits,
    PrivateAnswers privateAnswers) {

  /**
   * The same services for the site's own metadata reads (a table's schema): nothing is audited and
   * no private answer is given, since no data leaves.
   */
  FragmentServices unaudited() {
    return new FragmentServices(site, pool, allocator, policyCheck, r -> {}, schemaCache, limits, null);
  }
}
