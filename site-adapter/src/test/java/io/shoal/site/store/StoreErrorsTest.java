package io.shoal.site.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.site.SiteException;
import java.net.ConnectException;
import java.util.Map;
import org.apache.iceberg.exceptions.RESTException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The failures S3Proxy cannot be made to produce on loopback (throttling, a missing object), by their real exception types. */
class StoreErrorsTest {
  private static final StoreErrors.Endpoints WHERE =
      new StoreErrors.Endpoints("http://catalog:8181", "http://store:9000", Map.of("s3.secret-access-key", "s3cr3t-value"));

  private static S3Exception s3(int status, String code) {
    return (S3Exception) S3Exception.builder()
        .statusCode(status)
        .message("request failed; secret was s3cr3t-value")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("x").build())
        .build();
  }

  @Test
  void throttlingIsRetryLaterAndNamesTheStore() {
    SiteException e = StoreErrors.of("eu", "lineitem", "fetch its data files", s3(503, "SlowDown"), WHERE);
    assertThat(e.sqlState()).isEqualTo("53000");
    assertThat(e.getMessage())
        .isEqualTo("site eu: table lineitem: cannot fetch its data files: object store http://store:9000 throttled the requests (503 SlowDown); retry later");
  }

  @Test
  void aMissingObjectIsADataError() {
    SiteException e = StoreErrors.of("eu", "lineitem", "fetch its data files", new RuntimeException(s3(404, "NoSuchKey")), WHERE);
    assertThat(e.sqlState()).isEqualTo("22000");
    assertThat(e.getMessage()).contains("an object is missing at object store http://store:9000 (404 NoSuchKey)");
  }

  @Test
  void refusedCredentialsNeverShowTheSecret() {
    SiteException e = StoreErrors.of("eu", "orders", "plan the scan", s3(403, "SignatureDoesNotMatch"), WHERE);
    assertThat(e.sqlState()).isEqualTo("28000");
    assertThat(e.getMessage()).contains("refused the site's credentials (403 SignatureDoesNotMatch)").doesNotContain("s3cr3t-value");
  }

  @Test
  void anUnreachableCatalogAndACatalogThatFailsAreTold() {
    SiteException down = StoreErrors.of("us", "orders", "load Iceberg table us.orders",
        new RESTException(new ConnectException("Connection refused"), "Error occurred while processing GET request"), WHERE);
    assertThat(down.sqlState()).isEqualTo("08001");
    assertThat(down.getMessage()).contains("catalog http://catalog:8181 is unreachable (Connection refused)");
    SiteException failed = StoreErrors.of("us", "orders", "load Iceberg table us.orders",
        new ServiceFailureException("Server error: SdkClientException: Unable to execute HTTP request: Connection refused"), WHERE);
    assertThat(failed.sqlState()).isEqualTo("22000");
    assertThat(failed.getMessage()).contains("catalog http://catalog:8181 failed (Server error: SdkClientException");
  }
}
