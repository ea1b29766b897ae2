package io.shoal.site.duck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.Sites;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.iceberg.IcebergImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An Iceberg table end to end: imported with the importer, read through a site's fragments. */
class SiteIcebergTest {
  @TempDir Path dir;

  @Test
  void importedTableReadsBackPrunesAndSurvivesSchemaEvolution() throws Exception {
    Path yaml = dir.resolve("site.yaml");
    Files.writeString(yaml, "name: eu\ndata: data\ntables:\n  orders: { iceberg: shop.orders, keys: { cust: customer } }\n");
    SiteConfig config = SiteConfig.load(yaml);
    List<Path> csvs = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
      for (int i = 0; i < 3; i++) {
        Path csv = dir.resolve("part" + i + ".csv");
        st.execute("COPY (SELECT range AS id, range % 10 AS cust, 'o' || range AS note, DATE '2024-01-01' + range::INT AS day"
            + " FROM range(" + (i * 100) + ", " + (i * 100 + 100) + ")) TO '" + csv + "' (HEADER)");
        csvs.add(csv);
      }
    }
    TableIdentifier id = TableIdentifier.parse("shop.orders");
    var catalog = Sites.catalog(config);
    for (Path csv : csvs) {
      new IcebergImporter().importFiles(catalog, id, List.of(csv), Sites.stagingDir(config), m -> {});
    }
    try (DuckSite site = Sites.open(config)) {
      assertThat(site.info().tables().get(0).rowCount()).isEqualTo(300);
      assertThat(site.info().tables().get(0).snapshotId()).isNotNull();
      assertThat(rows(site, "SELECT count(*), min(id), max(id) FROM orders")).containsExactly(List.of(300L, 0L, 299L));
      try (var f = (DuckFragment) site.prepare("SELECT id, note FROM orders WHERE id >= 250", Site.FragmentContext.anonymous("q"))) {
        assertThat(f.bindings().get("orders").plannedFiles()).isEqualTo(1);
        assertThat(f.bindings().get("orders").totalFiles()).isEqualTo(3);
      }
      assertThat(rows(site, "SELECT count(*) FROM orders WHERE id >= 250")).containsExactly(List.of(50L));
    }
    // Evolve: rename a column, add one, then import rows that use the new names.
    Table table = catalog.loadTable(id);
    table.updateSchema().renameColumn("note", "label").addColumn("weight", Types.DoubleType.get()).commit();
    Path more = dir.resolve("more.csv");
    Files.writeString(more, "id,cust,label,day,weight\n1000,1,new,2024-06-01,2.5\n");
    new IcebergImporter().importFiles(catalog, id, List.of(more), Sites.stagingDir(config), m -> {});
    try (DuckSite site = Sites.open(config)) {
      assertThat(rows(site, "SELECT id, label, weight FROM orders WHERE id IN (7, 1000) ORDER BY id"))
          .containsExactly(java.util.Arrays.asList(7L, "o7", null), List.of(1000L, "new", 2.5));
    }
  }

  static List<List<Object>> rows(Site site, String sql) throws Exception {
    try (var f = site.prepare(sql, Site.FragmentContext.anonymous("t")); FragmentRun run = f.run(List.of())) {
      List<List<Object>> out = new ArrayList<>();
      while (run.reader().loadNextBatch()) {
        VectorSchemaRoot root = run.reader().getVectorSchemaRoot();
        for (int i = 0; i < root.getRowCount(); i++) {
          List<Object> row = new ArrayList<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(i);
            row.add(o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
          }
          out.add(row);
        }
      }
      return out;
    }
  }
}
