package io.shoal.site;

/** The Shoal version a site reports, from the jar manifest when packaged. */
public final class Version {
  public static final String SHOAL =
      java.util.Objects.requireNonNullElse(Version.class.getPackage().getImplementationVersion(), "0.1.0-SNAPSHOT");

  private Version() {}
}
