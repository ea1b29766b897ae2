package io.shoal.site.store;

import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.io.FileIO;

/**
 * Shoal's defaults for reaching catalogs and object stores, and the FileIO for {@code s3://}
 * globs. The defaults bound how long a failing store or catalog can hold a query: Iceberg's own
 * (5 S3 retries waiting up to 20 s each, no REST socket timeout) let a stopped store hang a query
 * for minutes. Every default can be overridden by the same property in the YAML.
 */
public final class ObjectStores {
  private ObjectStores() {}

  public static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

  /**
   * Shoal's own property (Iceberg has none): {@code when_required} makes the AWS SDK send content
   * checksums only where S3 requires them, which S3-compatible stores such as S3Proxy need (their
   * uploads fail with 400 "x-amz-content-sha256 does not match" otherwise). The SDK reads it as a
   * JVM-wide setting, so it applies to every client of the site's process.
   */
  public static final String REQUEST_CHECKSUM = "s3.request-checksum-calculation";

  /** Bounded-time defaults, under whatever the YAML sets. */
  public static Map<String, String> defaults() {
    return Map.of(
        // The SDK's Apache client is not on the class path; the JDK's URLConnection is.
        "http-client.type", "urlconnection",
        "http-client.urlconnection.connection-timeout-ms", "3000",
        "http-client.urlconnection.socket-timeout-ms", "10000",
        "s3.retry.num-retries", "2",
        "s3.retry.min-wait-ms", "200",
        "s3.retry.max-wait-ms", "1000",
        "rest.client.connection-timeout-ms", "3000",
        "rest.client.socket-timeout-ms", "10000",
        "rest.client.max-retries", "1");
  }

  /** Applies the settings the AWS SDK only takes JVM-wide (see {@link #REQUEST_CHECKSUM}). */
  public static void applyJvmSettings(Map<String, String> props) {
    String v = props.get(REQUEST_CHECKSUM);
    if (v == null) return;
    String value = v.strip().toLowerCase(Locale.ROOT);
    if (!value.equals("when_required") && !value.equals("when_supported")) {
      throw new IllegalArgumentException(REQUEST_CHECKSUM + " must be when_required or when_supported, got " + v);
    }
    System.setProperty("aws.requestChecksumCalculation", value);
  }

  /** A FileIO over the site's {@code storage:} properties (S3FileIO unless {@code io-impl} says otherwise). */
  public static FileIO open(Map<String, String> resolvedStorage) {
    java.util.Map<String, String> props = new java.util.HashMap<>(defaults());
    props.putAll(resolvedStorage);
    applyJvmSettings(props);
    String impl = props.getOrDefault("io-impl", S3_FILE_IO);
    return CatalogUtil.loadFileIO(impl, props, null);
  }

  /** Where a store is, for messages: its endpoint, or the AWS region's default endpoint. */
  public static String endpoint(Map<String, String> props) {
    String e = props.get("s3.endpoint");
    if (e != null) return e;
    String region = props.get("client.region");
    return region == null ? "the default S3 endpoint" : "S3 in " + region;
  }
}
