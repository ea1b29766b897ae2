package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.site.iceberg.IcebergImporter;
import io.shoal.site.iceberg.ImportResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;

/**
 * An append that another client commits through the REST catalog is read by the next query: the
 * site's audit names the new snapshot, and the new data file is fetched from the store once.
 */
class LakeAppendTest {
  private static final Pattern SNAPSHOT = Pattern.compile("\"appends\"\\s*:\\s*(-?\\d+)");

  @Test
  void nextQuerySeesAnotherClientsAppend() throws Exception {
    LakeFederation lake = LakeFederation.get();
    try (Connection c = lake.federation()) {
      long before = LakeFailureTest.count(c, "SELECT count(*) FROM eu.appends");
      long snapshotBefore = auditedSnapshot(c);

      Path csv = lake.root().resolve("append-" + System.nanoTime() + ".csv");
      Files.writeString(csv, "id,name\n" + (before + 1) + ",appended\n");
      Catalog other = lake.otherClient();
      ImportResult r;
      try {
        r = new IcebergImporter().importFiles(other, TableIdentifier.of("eu", "appends"), List.of(csv),
            lake.root().resolve("other-client-staging"), null);
      } finally {
        if (other instanceof AutoCloseable a) a.close();
      }

      String sql = "SELECT count(*) FROM eu.appends WHERE name IS NOT NULL";
      long after = LakeFailureTest.count(c, sql);
      long snapshotAfter = auditedSnapshot(c);
      long fetched = Plans.perSite(c, sql + " AND id > 0", "store_bytes").getOrDefault("eu", -1L);
      System.out.printf("append: %d -> %d rows, audited snapshot %d -> %d (committed %d)%n",
          before, after, snapshotBefore, snapshotAfter, r.snapshotId());
      assertThat(after).isEqualTo(before + 1);
      assertThat(snapshotAfter).isEqualTo(r.snapshotId()).isNotEqualTo(snapshotBefore);
      assertThat(fetched).as("the appended file was fetched by the query before").isZero();
    }
  }

  /** The snapshot of {@code appends} in eu's newest audit line that read it. */
  static long auditedSnapshot(Connection c) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
            "SELECT \"tables\" FROM shoal.audit WHERE site = 'eu' AND \"tables\" LIKE '%appends%' ORDER BY logged_at DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).as("an audit line of eu that read appends").isTrue();
      Matcher m = SNAPSHOT.matcher(rs.getString(1));
      assertThat(m.find()).as("snapshot in %s", rs.getString(1)).isTrue();
      return Long.parseLong(m.group(1));
    }
  }
}
