package io.shoal.site.table;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** The files a configured Parquet/CSV path or glob names, listed in Java (DuckDB's glob() is locked down). */
public final class FileGlobs {
  private FileGlobs() {}

  /** Sorted absolute paths of the regular files matching {@code glob} (an absolute path, maybe with wildcards). */
  public static List<Path> list(String glob) throws IOException {
    Path root = root(glob);
    if (!glob.matches(".*[*?\\[{].*")) {
      Path p = Path.of(glob);
      return Files.isRegularFile(p) ? List.of(p) : List.of();
    }
    if (!Files.isDirectory(root)) return List.of();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(matcher::matches).sorted().toList();
    }
  }

  /** The longest leading part of a glob without wildcards. */
  public static Path root(String glob) {
    Path p = Path.of(glob);
    Path root = p.getRoot() == null ? Path.of("") : p.getRoot();
    for (Path part : p) {
      if (part.toString().matches(".*[*?\\[{].*")) break;
      root = root.resolve(part);
    }
    return root;
  }
}
