package io.shoal.site.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local copies of object-store files, for DuckDB to read (its JDBC jar has no httpfs). A copy is
 * keyed by the file's location and size (plus ETag or modification time where a listing gives one):
 * Iceberg data files are never rewritten in place, so a copy is never stale. The copies are bounded
 * in bytes; the least recently read unpinned copy goes first.
 *
 * <p>Safe under concurrent fragments: a file is fetched once however many fragments ask for it at
 * the same time, and a copy that a fragment has {@linkplain Lease leased} is never deleted under
 * it. Safe across restarts: a fetch writes a temporary file and renames it into place, so a copy is
 * either whole or absent; the copies found at start-up are kept, oldest read first out.
 */
public final class FileCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileCache.class);
  private static final String TMP = "tmp";

  /** One object in the store, as a scan plan or a listing names it. */
  public record RemoteFile(String location, long size, String version) {
    public RemoteFile(String location, long size) {
      this(location, size, null);
    }
  }

  private final Path dir;
  private final long maxBytes;
  private final ExecutorService fetchers;
  /** Access-ordered: the first entry is the least recently read. Guarded by {@code this}. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;
  private final AtomicLong fetchedBytes = new AtomicLong();
  private final AtomicLong fetchedFiles = new AtomicLong();

  private static final class Entry {
    final String key;
    final Path path;
    long size;
    int pins;
    /** Completes with the copy's path once it is on disk; null for copies found at start-up. */
    CompletableFuture<Path> ready;

    Entry(String key, Path path, long size) {
      this.key = key;
      this.path = path;
      this.size = size;
    }
  }

  private FileCache(Path dir, long maxBytes, int threads) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    // Threads only while fetching: an idle site holds none.
    java.util.concurrent.ThreadPoolExecutor pool =
        new java.util.concurrent.ThreadPoolExecutor(
            threads, threads, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "shoal-file-cache-fetch");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.fetchers = pool;
  }

  /** Opens (or creates) the cache in {@code dir}, keeping the copies a previous run left whole. */
  public static FileCache open(Path dir, long maxBytes, int threads) throws IOException {
    Files.createDirectories(dir.resolve(TMP));
    FileCache cache = new FileCache(dir, maxBytes, threads);
    // A fetch killed mid-way left only a temporary file: remove them all.
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir.resolve(TMP))) {
      for (Path p : tmp) Files.deleteIfExists(p);
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, Files::isRegularFile)) {
      copies.forEach(found::add);
    }
    found.sort(Comparator.comparing(FileCache::modified));
    synchronized (cache) {
      for (Path p : found) {
        String name = p.getFileName().toString();
        int dot = name.indexOf('.');
        String key = dot < 0 ? name : name.substring(0, dot);
        Entry e = new Entry(key, p, Files.size(p));
        cache.entries.put(key, e);
        cache.bytes += e.size;
      }
      cache.evict();
    }
    return cache;
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /**
   * Local copies of {@code files}, fetching the missing ones through {@code io} in parallel. The
   * copies stay pinned until the lease is closed. Fails with the first fetch failure (the others'
   * copies are kept for the next try).
   */
  public Lease fetch(List<RemoteFile> files, FileIO io) throws IOException {
    List<Entry> pinned = new ArrayList<>();
    List<CompletableFuture<Path>> waits = new ArrayList<>();
    List<Boolean> fetchedHere = new ArrayList<>();
    synchronized (this) {
      for (RemoteFile f : files) {
        String key = key(f);
        Entry e = entries.get(key);
        boolean mine = false;
        if (e == null) {
          e = new Entry(key, dir.resolve(key + extension(f.location())), f.size());
          Entry entry = e;
          e.ready = CompletableFuture.supplyAsync(() -> download(io, f, entry), fetchers);
          entries.put(key, e);
          bytes += Math.max(0, f.size());
          mine = true;
        }
        e.pins++;
        pinned.add(e);
        waits.add(e.ready == null ? CompletableFuture.completedFuture(e.path) : e.ready);
        fetchedHere.add(mine);
      }
    }
    Lease lease = new Lease(pinned);
    long fetched = 0;
    int fetchedCount = 0;
    try {
      List<Path> paths = new ArrayList<>();
      for (int i = 0; i < waits.size(); i++) {
        Path p = await(waits.get(i), pinned.get(i));
        paths.add(p);
        if (fetchedHere.get(i)) {
          fetched += pinned.get(i).size;
          fetchedCount++;
        }
      }
      lease.paths = List.copyOf(paths);
      lease.fetchedBytes = fetched;
      lease.fetchedFiles = fetchedCount;
      touch(pinned);
      synchronized (this) {
        evict();
      }
      return lease;
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private Path await(CompletableFuture<Path> ready, Entry e) throws IOException {
    try {
      return ready.get();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while fetching a file");
    } catch (ExecutionException ee) {
      forget(e);
      Throwable cause = ee.getCause() instanceof UncheckedIOException u ? u.getCause() : ee.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof RuntimeException r) throw r;
      throw new IOException(cause);
    }
  }

  /** A failed fetch leaves no entry, so the next fragment tries again. */
  private synchronized void forget(Entry e) {
    if (entries.get(e.key) == e && e.ready != null && e.ready.isCompletedExceptionally()) {
      entries.remove(e.key);
      bytes -= Math.max(0, e.size);
    }
  }

  private Path download(FileIO io, RemoteFile f, Entry e) {
    Path tmp = dir.resolve(TMP).resolve(e.key + "." + UUID.randomUUID());
    try {
      long n;
      try (InputStream in = (f.size() >= 0 ? io.newInputFile(f.location(), f.size()) : io.newInputFile(f.location())).newStream()) {
        n = Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      if (f.size() >= 0 && n != f.size()) {
        throw new IOException("fetched " + n + " bytes of " + f.location() + ", expected " + f.size());
      }
      try {
        Files.move(tmp, e.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException x) {
        Files.move(tmp, e.path, StandardCopyOption.REPLACE_EXISTING);
      }
      synchronized (this) {
        if (e.size != n) bytes += n - Math.max(0, e.size);
        e.size = n;
      }
      fetchedBytes.addAndGet(n);
      fetchedFiles.incrementAndGet();
      return e.path;
    } catch (IOException x) {
      deleteQuietly(tmp);
      throw new UncheckedIOException(x);
    } catch (RuntimeException x) {
      deleteQuietly(tmp);
      throw x;
    }
  }

  /** A read moves a copy to the back of the line, also for the next run (which orders by mtime). */
  private void touch(List<Entry> read) {
    FileTime now = FileTime.fromMillis(System.currentTimeMillis());
    for (Entry e : read) {
      try {
        Files.setLastModifiedTime(e.path, now);
      } catch (IOException ignored) {
        // the order after a restart is a hint only
      }
    }
  }

  /** Deletes least recently read unpinned copies while over the bound. Caller holds the lock. */
  private void evict() {
    Iterator<Entry> it = entries.values().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Entry e = it.next();
      if (e.pins > 0 || (e.ready != null && !e.ready.isDone())) continue;
      it.remove();
      bytes -= Math.max(0, e.size);
      deleteQuietly(e.path);
    }
  }

  private synchronized void unpin(List<Entry> pinned) {
    for (Entry e : pinned) e.pins--;
    evict();
  }

  /** Local copies that fragments may read until the lease is closed. */
  public final class Lease implements AutoCloseable {
    private final List<Entry> pinned;
    private List<Path> paths = List.of();
    private long fetchedBytes;
    private int fetchedFiles;
    private boolean closed;

    private Lease(List<Entry> pinned) {
      this.pinned = pinned;
    }

    /** The local copies, in the order the files were asked for. */
    public List<Path> paths() {
      return paths;
    }

    /** Bytes this call fetched from the store (0 when every copy was there). */
    public long fetchedBytes() {
      return fetchedBytes;
    }

    public int fetchedFiles() {
      return fetchedFiles;
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) return;
        closed = true;
      }
      unpin(pinned);
    }
  }

  /** Bytes the copies take now. */
  public synchronized long bytes() {
    return bytes;
  }

  public synchronized int files() {
    return entries.size();
  }

  /** Bytes fetched from the store since start-up. */
  public long fetchedBytes() {
    return fetchedBytes.get();
  }

  public Path dir() {
    return dir;
  }

  static String key(RemoteFile f) {
    String id = f.location() + "\u0000" + f.size() + "\u0000" + (f.version() == null ? "" : f.version());
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 20);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file's extension (".parquet", ".csv.gz"), which DuckDB uses to detect compression. */
  static String extension(String location) {
    String name = location.substring(location.lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot);
    return ext.matches("(\\.[A-Za-z0-9]{1,8}){0,3}") ? ext : "";
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("file cache: cannot delete {}: {}", p.getFileName(), e.getMessage());
    }
  }

  @Override
  public void close() {
    fetchers.shutdownNow();
  }

  /** For tests and logs: copies and bytes held. */
  @Override
  public synchronized String toString() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", entries.size());
    m.put("bytes", bytes);
    m.put("maxBytes", maxBytes);
    return "FileCache" + m;
  }
}
