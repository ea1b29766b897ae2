package io.shoal.planner;

import io.shoal.planner.client.SiteEndpoint;
import io.shoal.planner.pushdown.SiteConvention;
import io.shoal.planner.global.GlobalSchema;
import io.shoal.planner.pushdown.SiteSchema;
import io.shoal.planner.system.SitesTable;
import io.shoal.planner.system.AuditTable;
import io.shoal.planner.system.QueriesTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.impl.AbstractSchema;

/** Builds the Calcite root: one schema per site, {@code global}, and {@code shoal}. */
public final class FederationSchemaFactory {
  private FederationSchemaFactory() {}

  public static void install(SchemaPlus root, Federation federation) {
    List<SiteSchema> siteSchemas = new ArrayList<>();
    for (SiteEndpoint e : federation.endpoints()) {
      SiteConvention convention = new SiteConvention(
          e.name(), Schemas.subSchemaExpression(root, e.name(), SiteSchema.class));
      SiteSchema s = new SiteSchema(e.name(), federation.siteInfo(e.name()), convention);
      root.add(e.name(), s);
      siteSchemas.add(s);
    }
    root.add("global", new GlobalSchema(siteSchemas));
    SchemaPlus shoal = root.add("shoal", new AbstractSchema());
    shoal.add("sites", new SitesTable(() -> {
      List<Object[]> rows = new ArrayList<>();
      for (Federation.SiteState s : federation.states()) {
        rows.add(new Object[] {
          s.endpoint.name(),
          s.info == null ? null : s.info.region(),
          s.endpoint.uri().toString(),
          s.status,
          s.lastLatencyMs
        });
      }
      return rows;
    }));
    shoal.add("queries", new QueriesTable());
    shoal.add("audit", new AuditTable(new AuditTable.Source() {
      @Override
      public List<String> sites() {
        return federation.endpoints().stream().map(SiteEndpoint::name).toList();
      }

      @Override
      public List<String> lines(String site) throws Exception {
        return federation.client(site).auditLines();
      }
    }));
  }
}
