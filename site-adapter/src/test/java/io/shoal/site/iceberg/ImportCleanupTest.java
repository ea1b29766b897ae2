package io.shoal.site.iceberg;

import static io.shoal.site.iceberg.IcebergTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed import leaves (staged files, data files no snapshot references) goes at the next import. */
class ImportCleanupTest {
  @TempDir Path dir;

  @Test
  void filesOfAKilledImportAreRemovedByTheNextOneAndCommittedFilesStay() throws Exception {
    Catalog catalog = IcebergCatalogs.open(dir.resolve("site"), Map.of());
    TableIdentifier id = TableIdentifier.of("tpch", "t");
    Path staging = dir.resolve("staging");
    IcebergImporter importer = new IcebergImporter();
    importer.importFiles(catalog, id, List.of(write(dir, "a.csv", "id,name", "1,a", "2,b")), staging, null);
    Path data = LocalFileIO.toPath(catalog.loadTable(id).location()).resolve("data");
    List<Path> committed = list(data);
    // What `kill -9` during an import leaves: a staged file and a moved but uncommitted one.
    Path staged = Files.writeString(staging.resolve(UUID.randomUUID() + ".parquet"), "half written");
    Path moved = Files.copy(committed.get(0), data.resolve(UUID.randomUUID() + ".parquet"));
    Path notOurs = Files.writeString(data.resolve("operator-notes.parquet"), "not the importer's name");

    List<String> progress = new java.util.ArrayList<>();
    ImportResult second = importer.importFiles(catalog, id, List.of(write(dir, "b.csv", "id,name", "3,c")), staging, progress::add);

    assertThat(staged).doesNotExist();
    assertThat(moved).doesNotExist();
    assertThat(notOurs).exists();
    assertThat(committed).allMatch(Files::exists);
    assertThat(progress).anyMatch(m -> m.contains("removed 2 file(s)"));
    assertThat(list(data)).hasSize(committed.size() + 2); // the second import's file, and notOurs
    assertThat(IcebergTestSupport.source(catalog, id).describe().rowCount()).isEqualTo(3);
    assertThat(second.rows()).isEqualTo(1);
  }

  @Test
  void aStartingSiteDoesNotCleanWhileAnImportHoldsTheLock() throws Exception {
    Path staging = dir.resolve("staging");
    try (ImportCleanup running = ImportCleanup.lock(staging)) {
      assertThat(ImportCleanup.tryLock(staging)).isNull();
    }
    try (ImportCleanup free = ImportCleanup.tryLock(staging)) {
      assertThat(free).isNotNull();
    }
  }

  private static List<Path> list(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }
}
