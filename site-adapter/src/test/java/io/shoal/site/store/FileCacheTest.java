package io.shoal.site.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.site.iceberg.LocalFileIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file cache over a real FileIO (the local one; the lake suites in tck-tests use S3). */
class FileCacheTest {
  @TempDir Path dir;
  private final LocalFileIO io = new LocalFileIO();

  private FileCache.RemoteFile file(String name, int bytes) throws IOException {
    Path p = dir.resolve("store").resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[bytes]);
    return new FileCache.RemoteFile(p.toString(), bytes);
  }

  @Test
  void secondFetchReadsTheCopy() throws Exception {
    FileCache.RemoteFile a = file("a.parquet", 1000);
    try (FileCache cache = FileCache.open(dir.resolve("cache"), 1 << 20, 2)) {
      Path first;
      try (FileCache.Lease l = cache.fetch(List.of(a), io)) {
        assertThat(l.fetchedBytes()).isEqualTo(1000);
        first = l.paths().get(0);
        assertThat(first).startsWith(dir.resolve("cache")).hasFileName(first.getFileName().toString());
        assertThat(first.toString()).endsWith(".parquet");
      }
      try (FileCache.Lease l = cache.fetch(List.of(a), io)) {
        assertThat(l.fetchedBytes()).isZero();
        assertThat(l.paths()).containsExactly(first);
      }
    }
  }

  @Test
  void boundEvictsLeastRecentlyReadButNeverALeasedCopy() throws Exception {
    FileCache.RemoteFile a = file("a.parquet", 600);
    FileCache.RemoteFile b = file("b.parquet", 600);
    FileCache.RemoteFile c = file("c.parquet", 600);
    try (FileCache cache = FileCache.open(dir.resolve("cache"), 1300, 2)) {
      cache.fetch(List.of(a), io).close();
      FileCache.Lease heldB = cache.fetch(List.of(b), io);
      try (FileCache.Lease l = cache.fetch(List.of(c), io)) {
        // a is the oldest and unleased: gone; b is leased: kept although the bound is exceeded
        assertThat(cache.bytes()).isEqualTo(1200);
        assertThat(Files.exists(heldB.paths().get(0))).isTrue();
      }
      heldB.close();
      try (FileCache.Lease l = cache.fetch(List.of(a), io)) {
        assertThat(l.fetchedBytes()).as("a was evicted").isEqualTo(600);
      }
      assertThat(cache.bytes()).isLessThanOrEqualTo(1300);
    }
  }

  @Test
  void concurrentFragmentsFetchAFileOnce() throws Exception {
    FileCache.RemoteFile a = file("a.parquet", 200_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (FileCache cache = FileCache.open(dir.resolve("cache"), 1 << 24, 4)) {
      List<Future<Long>> got = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        got.add(pool.submit(() -> {
          try (FileCache.Lease l = cache.fetch(List.of(a), io)) {
            assertThat(Files.size(l.paths().get(0))).isEqualTo(200_000);
            return l.fetchedBytes();
          }
        }));
      }
      long total = 0;
      for (Future<Long> f : got) total += f.get();
      assertThat(total).isEqualTo(200_000);
      assertThat(cache.fetchedBytes()).isEqualTo(200_000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRestartKeepsWholeCopiesAndDropsPartialOnes() throws Exception {
    FileCache.RemoteFile a = file("a.parquet", 1000);
    try (FileCache cache = FileCache.open(dir.resolve("cache"), 1 << 20, 2)) {
      cache.fetch(List.of(a), io).close();
    }
    Files.write(dir.resolve("cache").resolve("tmp").resolve("killed-fetch.123"), new byte[10]);
    try (FileCache cache = FileCache.open(dir.resolve("cache"), 1 << 20, 2)) {
      assertThat(dir.resolve("cache").resolve("tmp")).isEmptyDirectory();
      try (FileCache.Lease l = cache.fetch(List.of(a), io)) {
        assertThat(l.fetchedBytes()).isZero();
      }
    }
  }

  @Test
  void aShortFetchFailsAndLeavesNoCopy() throws Exception {
    FileCache.RemoteFile a = file("a.parquet", 1000);
    FileCache.RemoteFile wrong = new FileCache.RemoteFile(a.location(), 2000);
    try (FileCache cache = FileCache.open(dir.resolve("cache"), 1 << 20, 2)) {
      assertThatThrownBy(() -> cache.fetch(List.of(wrong), io)).hasMessageContaining("expected 2000");
      assertThat(cache.files()).isZero();
      assertThat(cache.bytes()).isZero();
    }
  }
}
