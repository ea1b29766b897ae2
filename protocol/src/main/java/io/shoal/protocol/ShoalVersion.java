package io.shoal.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Shoal's version, the one constant every part reports (a site's info, the driver's metadata, the
 * launcher's {@code --version}): the project's version, written into {@code shoal-version.properties}
 * by the build, so the pom is the only place it is stated.
 */
public final class ShoalVersion {
  private static final String RESOURCE = "shoal-version.properties";

  /** E.g. {@code 0.1.0-SNAPSHOT}. */
  public static final String VERSION = read();
  /** The first number of {@link #VERSION}; 0 if it has none. */
  public static final int MAJOR = part(0);
  /** The second number of {@link #VERSION}; 0 if it has none. */
  public static final int MINOR = part(1);

  private ShoalVersion() {}

  private static String read() {
    try (InputStream in = ShoalVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing next to " + ShoalVersion.class.getName()
            + ": build shoal-protocol with Maven, which writes it");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int part(int i) {
    String[] parts = VERSION.split("[.-]");
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
