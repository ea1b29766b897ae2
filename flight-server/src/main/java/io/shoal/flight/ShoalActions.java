package io.shoal.flight;

import io.shoal.protocol.Json;
import io.shoal.protocol.SiteActions;
import io.shoal.site.Site;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.Result;

/**
 * The Flight actions Shoal adds to Flight SQL: {@code shoal.site-info} (what the caller may see of
 * the site) and {@code shoal.audit} (the audit lines the caller may read, as {@link Site} decides).
 */
final class ShoalActions {
  private final Site site;
  private final Principals principals;

  ShoalActions(Site site, Principals principals) {
    this.site = site;
    this.principals = principals;
  }

  /** Answers {@code action} if it is one of Shoal's; false leaves it to Flight SQL. */
  boolean handle(CallContext context, Action action, StreamListener<Result> listener) {
    if (SiteActions.SITE_INFO.equals(action.getType())) {
      try {
        listener.onNext(new Result(Json.toBytes(site.info(principals.principal(context)))));
        listener.onCompleted();
      } catch (RuntimeException e) {
        listener.onError(FlightErrors.of(e));
      }
      return true;
    }
    if (SiteActions.AUDIT.equals(action.getType())) {
      audit(context, listener);
      return true;
    }
    return false;
  }

  void list(StreamListener<ActionType> listener) {
    listener.onNext(new ActionType(SiteActions.SITE_INFO, "the site's name, region, tables and policy as JSON"));
    listener.onNext(new ActionType(SiteActions.AUDIT, "the site's audit log as JSON lines"));
  }

  /**
   * The audit log as JSON lines: every line for the policy's audit readers, and only the lines of
   * their own fragments for anyone else (a line holds the fragment's text, and with it the literals
   * another user filtered on). The read is itself audited.
   */
  private void audit(CallContext context, StreamListener<Result> listener) {
    try {
      List<String> lines = site.auditFor(principals.fragmentContext(context));
      StringBuilder chunk = new StringBuilder();
      int n = 0;
      for (String line : lines) {
        chunk.append(line).append('\n');
        if (++n == SiteActions.AUDIT_LINES_PER_RESULT) {
          listener.onNext(new Result(chunk.toString().getBytes(StandardCharsets.UTF_8)));
          chunk.setLength(0);
          n = 0;
        }
      }
      if (n > 0) listener.onNext(new Result(chunk.toString().getBytes(StandardCharsets.UTF_8)));
      listener.onCompleted();
    } catch (Exception e) {
      listener.onError(FlightErrors.of(e));
    }
  }
}
