package io.shoal.planner.pushdown;

import io.shoal.protocol.Distribution;
import io.shoal.protocol.TableInfo;
import java.util.Map;

/**
 * Which table a scan reads: the site, the table as the site described it, and the site's
 * convention. The {@link SiteTable} (what Calcite's catalog holds) and the {@link SiteTableScan}
 * (what plans hold) share it, so that neither needs the other.
 */
public record TableAtSite(String site, TableInfo info, SiteConvention convention) {
  public boolean replicated() {
    return info.distribution() == Distribution.REPLICATED;
  }

  /** The key domain of a column (case-insensitive), or null. */
  public String keyDomain(String column) {
    if (info.keys() == null) {
      return null;
    }
    for (Map.Entry<String, String> e : info.keys().entrySet()) {
      if (e.getKey().equalsIgnoreCase(column)) {
        return e.getValue();
      }
    }
    return null;
  }
}
