package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * A Parquet table named by an {@code s3://} glob: listed through the site's S3 client on every
 * fragment, so an object added under the prefix is read by the next query (and fetched once).
 */
class LakeGlobTest {
  @Test
  void anObjectAddedUnderTheGlobIsReadByTheNextQuery() throws Exception {
    LakeFederation lake = LakeFederation.get();
    try (Connection c = lake.federation()) {
      String sql = "SELECT count(*) FROM eu.clicks";
      long before = LakeFailureTest.count(c, sql);
      assertThat(before).isEqualTo(1000);
      Path events = TestFederation.get().root().resolve("tpch").resolve("eu").resolve("events.parquet");
      lake.upload(events, "s3://" + io.shoal.examples.lake.LakeServers.BUCKET + "/globs/eu/part-" + System.nanoTime() + ".parquet");
      String again = sql + " WHERE id >= 0";
      long fetched = Plans.perSite(c, again, "store_bytes").getOrDefault("eu", -1L);
      long after = LakeFailureTest.count(c, again);
      System.out.printf("s3 glob: %d -> %d rows; the query after the upload fetched %,d bytes (the file is %,d)%n",
          before, after, fetched, Files.size(events));
      assertThat(after).isEqualTo(before + 1000);
      assertThat(fetched).isEqualTo(Files.size(events));
    }
  }
}
