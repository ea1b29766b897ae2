package io.shoal.site.privacy;

import io.shoal.site.SiteException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What a site needs to answer fragments over private tables: the ledger the budget is spent from
 * and the noisy release. One per site.
 */
public final class PrivateAnswers {
  private final String site;
  private final PrivacyLedger ledger;
  private final PrivateRelease release;

  public PrivateAnswers(String site, PrivacyLedger ledger, PrivateRelease release) {
    this.site = site;
    this.ledger = ledger;
    this.release = release;
  }

  /** The answers of the site whose data folder is {@code dataDir}, noise from a SecureRandom. */
  public static PrivateAnswers open(String site, Path dataDir) throws IOException {
    return new PrivateAnswers(site, PrivacyLedger.open(dataDir), new PrivateRelease(new DiscreteLaplace()));
  }

  /**
   * Spends the plan's epsilon from {@code principal}'s budget (refused with 42501 when it is spent),
   * then computes and stores the noisy figures for the plan's release statement.
   */
  public PrivateRelease.Outcome prepare(
      Connection conn, PrivatePlan plan, String principal, String queryId, List<Object> parameters)
      throws SiteException, SQLException {
    ledger.spend(site, principal, plan.table(), plan.epsilon(), plan.budget(), queryId, Instant.now());
    return release.release(conn, plan, parameters);
  }

  public PrivacyLedger ledger() {
    return ledger;
  }
}
