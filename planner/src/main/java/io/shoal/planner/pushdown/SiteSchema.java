package io.shoal.planner.pushdown;

import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The schema of one site ({@code eu}, {@code us}, ...): that site's tables only. */
public final class SiteSchema extends AbstractSchema {
  private final String site;
  private final SiteInfo info;
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** @param info the site's metadata as it answered at connect time (null: it was down) */
  public SiteSchema(String site, SiteInfo info, SiteConvention convention) {
    this.site = site;
    this.info = info;
    if (info != null && info.tables() != null) {
      for (TableInfo t : info.tables()) {
        tables.put(t.name(), new SiteTable(site, t, convention));
      }
    }
  }

  public String site() {
    return site;
  }

  /** The site's metadata (tables, policy), or null when it was down at connect time. */
  public SiteInfo info() {
    return info;
  }

  @Override
  public Map<String, Table> getTableMap() {
    return tables;
  }

  /** The site's table of that name, case-insensitively, or null. */
  public SiteTable table(String name) {
    for (Map.Entry<String, Table> e : tables.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return (SiteTable) e.getValue();
      }
    }
    return null;
  }
}
