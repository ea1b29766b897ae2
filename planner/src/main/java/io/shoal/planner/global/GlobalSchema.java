package io.shoal.planner.global;

import io.shoal.planner.pushdown.SiteSchema;
import io.shoal.planner.pushdown.SiteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The {@code global} schema: one {@link GlobalTable} per table name found at any site. */
public final class GlobalSchema extends AbstractSchema {
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** @param sites the site schemas in site order (the order replicated tables prefer) */
  public GlobalSchema(List<SiteSchema> sites) {
    Map<String, String> spelled = new LinkedHashMap<>();
    Map<String, List<SiteTable>> byName = new LinkedHashMap<>();
    for (SiteSchema s : sites) {
      for (Map.Entry<String, Table> e : s.getTableMap().entrySet()) {
        String key = e.getKey().toLowerCase(Locale.ROOT);
        spelled.putIfAbsent(key, e.getKey());
        byName.computeIfAbsent(key, k -> new ArrayList<>()).add((SiteTable) e.getValue());
      }
    }
    for (Map.Entry<String, List<SiteTable>> e : byName.entrySet()) {
      String name = spelled.get(e.getKey());
      tables.put(name, GlobalTable.merge(name, e.getValue()));
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
