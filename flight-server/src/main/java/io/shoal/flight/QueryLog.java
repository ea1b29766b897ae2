package io.shoal.flight;

import io.shoal.site.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per query a site answers or refuses: who, how much left, how long, and why not. */
final class QueryLog {
  private static final Logger LOG = LoggerFactory.getLogger(QueryLog.class);

  private QueryLog() {}

  static void log(
      Site.FragmentContext fc, String sql, long rows, long bytes, long startNanos, Throwable failure) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    if (failure == null) {
      LOG.info("query {} principal={} rows={} bytes={} ms={} status=OK", fc.queryId(), fc.principal(), rows, bytes, ms);
    } else {
      String msg = FlightErrors.of(failure).status().description();
      LOG.info(
          "query {} principal={} rows={} bytes={} ms={} status={} error=\"{}\" sql=\"{}\"",
          fc.queryId(), fc.principal(), rows, bytes, ms, FlightErrors.statusWord(failure),
          oneLine(msg), oneLine(abbreviate(sql)));
    }
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
