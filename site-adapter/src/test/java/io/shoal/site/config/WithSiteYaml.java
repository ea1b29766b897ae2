package io.shoal.site.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A test of site YAML: each test writes its file {@code eu.yaml} into a folder of its own. */
abstract class WithSiteYaml {
  @TempDir Path dir;

  /** Writes {@code yaml} as {@code <dir>/eu.yaml} and returns the file. */
  Path write(String yaml) throws Exception {
    Path f = dir.resolve("eu.yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
