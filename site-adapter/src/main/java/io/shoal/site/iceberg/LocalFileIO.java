package io.shoal.site.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * A {@link FileIO} over the local disk. iceberg-core ships none without Hadoop (JdbcCatalog would
 * default to HadoopFileIO), so sites use this one. Accepts plain paths and {@code file:} URIs.
 */
public class LocalFileIO implements FileIO {

  private Map<String, String> properties = Map.of();

  /** Public no-argument constructor: catalogs instantiate it by class name ({@code io-impl}). */
  public LocalFileIO() {}

  @Override
  public void initialize(Map<String, String> props) {
    this.properties = Map.copyOf(props);
  }

  @Override
  public Map<String, String> properties() {
    return properties;
  }

  @Override
  public InputFile newInputFile(String location) {
    return org.apache.iceberg.Files.localInput(toPath(location).toFile());
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path path = toPath(location);
    // Iceberg writes metadata into folders that do not exist yet (metadata/, data/).
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create folder " + parent, e);
      }
    }
    return org.apache.iceberg.Files.localOutput(path.toFile());
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(toPath(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location, e);
    }
  }

  /** A local path for a plain path or a {@code file:} URI ({@code file:/x}, {@code file:///x}). */
  public static Path toPath(String location) {
    if (location.startsWith("file:")) {
      if (location.startsWith("file:/") && !location.startsWith("file://")) {
        // file:/x is a valid URI, but be lenient with characters URI.create rejects (spaces).
        return Paths.get(location.substring("file:".length()));
      }
      try {
        return Paths.get(URI.create(location));
      } catch (IllegalArgumentException e) {
        return Paths.get(location.substring("file://".length()));
      }
    }
    return Paths.get(location);
  }
}
