package io.shoal.site.iceberg;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Removes what a killed or failed {@code shoal import} left behind: Parquet files in the staging
 * folder, and files it had moved into a table's data folder that no snapshot references (it died
 * before its commit). Imports of one site hold a lock file beside the staging folder while they run;
 * cleaning takes the same lock, so an import in progress is never cleaned under it.
 */
public final class ImportCleanup implements AutoCloseable {
  /** How the importer names the files it writes: a random UUID. Nothing else is ever removed. */
  private static final Pattern OURS =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.parquet");
  /** Beside the staging folder, so that the folder itself holds only staged files. */
  static Path lockFile(Path stagingDir) {
    Path abs = stagingDir.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".lock");
  }

  private final FileChannel channel;
  private final FileLock lock;

  private ImportCleanup(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the site's import lock, waiting for an import in progress. */
  public static ImportCleanup lock(Path stagingDir) throws IOException {
    Files.createDirectories(stagingDir);
    FileChannel ch = FileChannel.open(lockFile(stagingDir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      return new ImportCleanup(ch, ch.lock());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The lock if no import holds it now, else null (a starting site does not wait for an import). */
  public static ImportCleanup tryLock(Path stagingDir) throws IOException {
    Files.createDirectories(stagingDir);
    FileChannel ch = FileChannel.open(lockFile(stagingDir), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock l = ch.tryLock();
      if (l == null) {
        ch.close();
        return null;
      }
      return new ImportCleanup(ch, l);
    } catch (OverlappingFileLockException e) {
      ch.close(); // this JVM imports right now
      return null;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Under the lock: deletes every staged file and, for each table, its importer-named data files
   * that no snapshot references. Returns the files removed.
   */
  public List<Path> clean(Catalog catalog, Collection<TableIdentifier> tables, Path stagingDir) throws IOException {
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> staged = Files.list(stagingDir)) {
      for (Path p : staged.filter(p -> OURS.matcher(p.getFileName().toString()).matches()).toList()) {
        if (Files.deleteIfExists(p)) removed.add(p);
      }
    }
    for (TableIdentifier id : tables) {
      if (!catalog.tableExists(id)) continue;
      Table table = catalog.loadTable(id);
      if (!isLocal(table.location())) continue; // object storage: the catalog's own maintenance
      Path data = LocalFileIO.toPath(table.location()).resolve("data");
      if (!Files.isDirectory(data)) continue;
      Set<String> referenced = referenced(table);
      try (Stream<Path> files = Files.list(data)) {
        for (Path p : files.filter(p -> OURS.matcher(p.getFileName().toString()).matches()).toList()) {
          if (!referenced.contains(p.toAbsolutePath().normalize().toString()) && Files.deleteIfExists(p)) removed.add(p);
        }
      }
    }
    return removed;
  }

  private static boolean isLocal(String location) {
    return location.startsWith("file:") || location.startsWith("/");
  }

  /** Every data file any snapshot of the table reads (an older snapshot's files stay too). */
  private static Set<String> referenced(Table table) throws IOException {
    Set<String> paths = new HashSet<>();
    for (Snapshot s : table.snapshots()) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(s.snapshotId()).planFiles()) {
        for (FileScanTask t : tasks) {
          paths.add(LocalFileIO.toPath(t.file().path().toString()).toAbsolutePath().normalize().toString());
        }
      }
    }
    return paths;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
