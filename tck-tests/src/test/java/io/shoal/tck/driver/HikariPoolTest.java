package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A HikariCP pool of 8 connections serving 8 threads that run 200 queries in all. */
class HikariPoolTest {
  @Test
  void poolRunsConcurrentQueries() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(DriverUrls.embedded());
    config.setMaximumPoolSize(8);
    config.setReadOnly(true);
    config.setAutoCommit(false);
    config.setConnectionTimeout(30_000);
    // TPC-H: 5 nations per region.
    try (HikariDataSource ds = new HikariDataSource(config)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Long>> results = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        int region = i % 5;
        results.add(pool.submit(() -> {
          try (Connection c = ds.getConnection();
              PreparedStatement ps = c.prepareStatement(
                  "SELECT COUNT(*) FROM global.nation WHERE n_regionkey = ?")) {
            ps.setInt(1, region);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              long n = rs.getLong(1);
              c.commit(); // what a pool-using app with autoCommit=false does: must not fail
              return n;
            }
          }
        }));
      }
      for (Future<Long> f : results) {
        assertThat(f.get()).isEqualTo(5L);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("HikariCP: 200 queries on 8 threads in " + ms + " ms");
      pool.shutdown();
      assertThat(ds.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(8);
    }
  }
}
