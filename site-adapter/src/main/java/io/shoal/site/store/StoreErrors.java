package io.shoal.site.store;

import io.shoal.protocol.SqlStates;
import io.shoal.site.SiteException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.RESTException;
import org.apache.iceberg.exceptions.ServiceFailureException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place where failures of object stores and catalogs become a site's errors: one line that
 * names the site, the table and the endpoint, says what to do, carries a SQLState, and never a
 * secret (library messages are scrubbed of every secret value the site resolved).
 *
 * <table>
 *   <tr><th>failure</th><th>SQLState</th></tr>
 *   <tr><td>store or catalog unreachable, timed out</td><td>08001</td></tr>
 *   <tr><td>credentials refused (401/403)</td><td>28000</td></tr>
 *   <tr><td>request throttled (429, 503 SlowDown)</td><td>53000</td></tr>
 *   <tr><td>object missing (404)</td><td>22000</td></tr>
 *   <tr><td>anything else from the store or catalog</td><td>22000</td></tr>
 * </table>
 */
public final class StoreErrors {
  private StoreErrors() {}

  /** Where a table's metadata and data come from, for messages. */
  public record Endpoints(String catalog, String store, Map<String, String> secrets) {
    public static final Endpoints NONE = new Endpoints(null, null, Map.of());
  }

  /** What failed, judged from the exception chain. */
  enum Cause { UNREACHABLE, TIMEOUT, CREDENTIALS, THROTTLED, MISSING, OTHER }

  /**
   * The site's error for a failure while reading table {@code table}.
   *
   * @param action what was being done, e.g. "load the table" or "fetch data files"
   */
  public static SiteException of(String site, String table, String action, Throwable t, Endpoints where) {
    boolean fromStore = fromStore(t);
    String endpoint = fromStore ? where.store() : where.catalog();
    String role = fromStore ? "object store" : "catalog";
    if (endpoint == null) endpoint = fromStore ? where.catalog() : where.store();
    String at = endpoint == null ? "the " + role : role + " " + endpoint;
    Cause cause = cause(t);
    String detail = Secrets.scrub(detail(t), where.secrets());
    String head = "site " + site + ": table " + table + ": cannot " + action + ": ";
    SiteException e =
        switch (cause) {
          case UNREACHABLE -> error(head + at + " is unreachable (" + detail + "); check that it runs and the endpoint is right", SqlStates.SITE_UNREACHABLE, t);
          case TIMEOUT -> error(head + at + " did not answer in time (" + detail + ")", SqlStates.SITE_UNREACHABLE, t);
          case CREDENTIALS -> error(head + at + " refused the site's credentials (" + detail + "); check the site's "
              + (fromStore ? "s3.access-key-id and s3.secret-access-key" : "catalog credential or token"), SqlStates.AUTH_FAILED, t);
          case THROTTLED -> error(head + at + " throttled the requests (" + detail + "); retry later", SqlStates.INSUFFICIENT_RESOURCES, t);
          case MISSING -> error(head + "an object is missing at " + at + " (" + detail + ")", SqlStates.DATA_EXCEPTION, t);
          case OTHER -> error(head + at + " failed (" + detail + ")", SqlStates.DATA_EXCEPTION, t);
        };
    return e;
  }

  private static SiteException error(String message, String state, Throwable t) {
    return new SiteException(SiteException.Kind.DATA_ERROR, message, t).withSqlState(state);
  }

  /** Whether the failure came from the object store (AWS SDK, a FileIO) rather than the catalog. */
  public static boolean fromStore(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AwsServiceException || c instanceof SdkClientException || c instanceof NotFoundException) return true;
      if (c instanceof RESTException || c instanceof ServiceFailureException || c instanceof ServiceUnavailableException
          || c instanceof NotAuthorizedException || c instanceof ForbiddenException) {
        return false;
      }
    }
    return false;
  }

  static Cause cause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AwsServiceException a) {
        int status = a.statusCode();
        String code = a.awsErrorDetails() == null ? "" : String.valueOf(a.awsErrorDetails().errorCode());
        if (status == 401 || status == 403) return Cause.CREDENTIALS;
        if (status == 404) return Cause.MISSING;
        if (status == 429 || status == 503 || code.equals("SlowDown") || a.isThrottlingException()) return Cause.THROTTLED;
        return Cause.OTHER;
      }
      if (c instanceof NotFoundException) return Cause.MISSING;
      if (c instanceof NotAuthorizedException || c instanceof ForbiddenException) return Cause.CREDENTIALS;
      if (c instanceof ServiceUnavailableException) return Cause.UNREACHABLE;
      // The catalog answered with its own failure (e.g. it cannot read the store itself): it is
      // reachable, whatever the text of its message says.
      if (c instanceof ServiceFailureException) return Cause.OTHER;
      if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException) {
        return Cause.UNREACHABLE;
      }
      if (c instanceof SocketTimeoutException || c instanceof java.net.http.HttpTimeoutException
          || c instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException
          || c instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException) {
        return Cause.TIMEOUT;
      }
      if (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException)) return Cause.TIMEOUT;
      // httpclient5's NoHttpResponseException: a kept-alive connection to a server that went away.
      if (c.getClass().getSimpleName().equals("NoHttpResponseException")) return Cause.UNREACHABLE;
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("connection refused") || m.contains("unable to execute http request")
          || m.contains("failed to respond") || m.contains("connection reset")) {
        return Cause.UNREACHABLE;
      }
      if (m.contains("timed out") || m.contains("timeout")) return Cause.TIMEOUT;
    }
    return Cause.OTHER;
  }

  /** A short reason: the HTTP status and error code, or the innermost message's first line. */
  static String detail(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AwsServiceException a) {
        String code = a.awsErrorDetails() == null ? null : a.awsErrorDetails().errorCode();
        return a.statusCode() + (code == null ? "" : " " + code);
      }
    }
    Throwable inner = t;
    while (inner.getCause() != null && inner.getCause() != inner) inner = inner.getCause();
    String m = inner.getMessage() == null ? inner.getClass().getSimpleName() : inner.getMessage();
    // What the catalog itself said (its failure, a refusal) is better than the innermost cause.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ServiceFailureException || c instanceof NotAuthorizedException
          || c instanceof ForbiddenException || c instanceof NotFoundException) {
        if (c.getMessage() != null) m = c.getMessage();
        break;
      }
    }
    int nl = m.indexOf('\n');
    m = (nl < 0 ? m : m.substring(0, nl)).strip();
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}
