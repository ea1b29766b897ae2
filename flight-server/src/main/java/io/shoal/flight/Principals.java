package io.shoal.flight;

import io.shoal.protocol.ShoalHeaders;
import io.shoal.protocol.SqlStates;
import io.shoal.site.Site;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.CallContext;

/**
 * Who a call is for, and under which federated query id: the one place a site decides whom it
 * serves. The token's principal wins over any header, except for a delegating coordinator.
 */
final class Principals {
  /** The one principal of a site without authentication. */
  static final String DEFAULT_PRINCIPAL = "anonymous";

  private volatile Predicate<String> mayDelegate = p -> false;

  /** Which authenticated principals may act for the user they name (see {@link TokenAuth}). */
  void allowDelegation(Predicate<String> mayDelegate) {
    this.mayDelegate = mayDelegate;
  }

  /** Query id and principal of a call: a fresh id when the caller sent none. */
  Site.FragmentContext fragmentContext(CallContext context) {
    CallHeadersMiddleware headers = context.getMiddleware(CallHeadersMiddleware.KEY);
    String queryId = headers == null ? null : headers.get(ShoalHeaders.QUERY_ID);
    if (queryId == null || queryId.isBlank()) queryId = UUID.randomUUID().toString();
    return new Site.FragmentContext(queryId, principal(context));
  }

  /**
   * Who the call is for. With tokens, the token's principal, unless that principal is a delegating
   * coordinator and names its JDBC user in {@code x-shoal-principal}. Without tokens (loopback only)
   * the site serves one principal, its default: any local process could claim any name, so a call
   * that names one is refused rather than believed or silently ignored.
   */
  String principal(CallContext context) {
    CallHeadersMiddleware headers = context.getMiddleware(CallHeadersMiddleware.KEY);
    String asserted = headers == null ? null : headers.get(ShoalHeaders.PRINCIPAL);
    boolean hasAsserted = asserted != null && !asserted.isBlank();
    String peer = context.peerIdentity();
    if (peer != null && !peer.isEmpty()) {
      if (!hasAsserted || asserted.equals(peer)) return peer;
      if (mayDelegate.test(peer)) return asserted;
      throw CallStatus.UNAUTHENTICATED
          .withDescription("principal " + peer + " may not act for another user (x-shoal-principal):"
              + " only tokens marked 'delegate' in the site's tokens file may")
          .withMetadata(FlightErrors.sqlStateMetadata(SqlStates.AUTH_FAILED))
          .toRuntimeException();
    }
    if (hasAsserted && !asserted.equals(DEFAULT_PRINCIPAL)) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("this site has no authentication, so it serves only its default principal;"
              + " to act for user " + asserted + ", configure auth.tokens-file with a delegate token")
          .withMetadata(FlightErrors.sqlStateMetadata(SqlStates.AUTH_FAILED))
          .toRuntimeException();
    }
    return DEFAULT_PRINCIPAL;
  }
}
