package io.shoal.driver;

/** The driver's version, from the jar manifest when packaged, else the development version. */
final class Version {
  static final String VERSION;
  static final int MAJOR;
  static final int MINOR;

  static {
    String v = Version.class.getPackage().getImplementationVersion();
    VERSION = v != null ? v : "0.1.0-SNAPSHOT";
    String[] parts = VERSION.split("[.-]");
    MAJOR = parse(parts, 0);
    MINOR = parse(parts, 1);
  }

  private static int parse(String[] parts, int i) {
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Version() {}
}
