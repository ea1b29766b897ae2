package io.shoal.planner.client;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * Tells transport failures apart that gRPC reports alike as UNAVAILABLE: a certificate the client
 * does not trust (the site is there, but may be an impostor), a site that speaks plaintext to a TLS
 * client, and a failed keepalive (the site stopped answering).
 */
final class TlsErrors {
  private TlsErrors() {}

  /** One line saying what is wrong with the TLS handshake, or null if it is not a TLS failure. */
  static String describe(FlightRuntimeException e) {
    // The certificate's problem sits deep in the chain (OpenSSL wraps it in "General
    // OpenSslEngine problem"): look for it first.
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof CertificateException || t instanceof java.security.cert.CertPathValidatorException
          || t instanceof java.security.cert.CertPathBuilderException || m.contains("PKIX")
          || m.contains("unable to find valid certification path")) {
        return "TLS handshake failed: the site's certificate is not trusted (" + firstLine(t)
            + "); check tlsTrustedCerts";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLProtocolException
          || t instanceof io.netty.handler.ssl.NotSslRecordException) {
        return "TLS handshake failed (" + firstLine(t) + "); is the site serving TLS?";
      }
      if (t instanceof SSLException) {
        return "TLS failed: " + firstLine(t);
      }
    }
    return null;
  }

  static boolean keepaliveFailed(FlightRuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.contains("Keepalive failed")) return true;
    }
    String d = e.status().description();
    return d != null && d.contains("Keepalive failed");
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
