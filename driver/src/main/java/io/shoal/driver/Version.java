package io.shoal.driver;

import io.shoal.protocol.ShoalVersion;

/** The driver's version: Shoal's one version constant ({@link ShoalVersion}), as this package reads it. */
final class Version {
  static final String VERSION = ShoalVersion.VERSION;
  static final int MAJOR = ShoalVersion.MAJOR;
  static final int MINOR = ShoalVersion.MINOR;

  private Version() {}
}
