package io.shoal.site.privacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.protocol.Json;
import io.shoal.site.SiteException;
import io.shoal.site.config.PolicyConfig.Budget;
import io.shoal.site.config.PolicyConfig.Period;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The privacy budget each principal has spent on each private table, kept at the site in an
 * append-only file beside the audit log ({@code privacy-ledger.jsonl}, one JSON line per spend,
 * forced to disk before the query runs). A restart reads it back, so a budget cannot be renewed by
 * restarting the site. Budgets renew at the start of each calendar period in UTC (a day, a week
 * from Monday, a month).
 */
public final class PrivacyLedger {

  /** One spend, as the ledger file holds it. */
  public record Spend(
      String time,
      String principal,
      String table,
      BigDecimal epsilon,
      @JsonProperty("query_id") String queryId) {}

  private static final ObjectMapper JSON = Json.mapper();

  private final Path file;
  private final Map<String, List<Spend>> byPrincipalAndTable = new HashMap<>();

  private PrivacyLedger(Path file) {
    this.file = file;
  }

  /** The ledger of the site whose data folder is {@code dataDir}, with every spend read back. */
  public static PrivacyLedger open(Path dataDir) throws IOException {
    PrivacyLedger ledger = new PrivacyLedger(dataDir.resolve("privacy-ledger.jsonl"));
    if (Files.exists(ledger.file)) {
      for (String line : Files.readAllLines(ledger.file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        Spend s;
        try {
          s = JSON.readValue(line, Spend.class);
        } catch (IOException torn) {
          continue; // a line cut by a crash mid-write: its query never ran (the write precedes it)
        }
        ledger.remember(s);
      }
    }
    return ledger;
  }

  /**
   * Spends {@code epsilon} of {@code principal}'s budget for {@code table}, durably, or refuses
   * (42501) when the period's budget cannot cover it, saying when it renews.
   */
  public synchronized void spend(
      String site, String principal, String table, BigDecimal epsilon, Budget budget, String queryId, Instant now)
      throws SiteException {
    BigDecimal spent = spent(principal, table, budget, now);
    if (spent.add(epsilon).compareTo(budget.epsilon()) > 0) {
      throw new SiteException(SiteException.Kind.REFUSED,
          "policy of site " + site + ": the privacy budget of principal " + principal + " for table " + table
              + " is spent (" + spent.stripTrailingZeros().toPlainString() + " of " + budget.epsilon().stripTrailingZeros().toPlainString()
              + " epsilon this " + budget.per().name().toLowerCase(java.util.Locale.ROOT) + "; a query spends "
              + epsilon.stripTrailingZeros().toPlainString() + "); it renews at " + renewal(budget.per(), now))
          .withRule("policy:private-budget");
    }
    Spend s = new Spend(now.toString(), principal, table, epsilon, queryId);
    try {
      byte[] line = (JSON.writeValueAsString(s) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(line));
        ch.force(false);
      }
    } catch (IOException e) {
      // Without the record the spend would be forgotten at the next restart: the query does not run.
      throw new SiteException(SiteException.Kind.INTERNAL, "site " + site + ": cannot record the privacy budget spent", e);
    }
    remember(s);
  }

  /** What {@code principal} has spent on {@code table} in the period that holds {@code now}. */
  public synchronized BigDecimal spent(String principal, String table, Budget budget, Instant now) {
    Instant start = periodStart(budget.per(), now);
    BigDecimal sum = BigDecimal.ZERO;
    for (Spend s : byPrincipalAndTable.getOrDefault(key(principal, table), List.of())) {
      Instant t = Instant.parse(s.time());
      if (!t.isBefore(start) && !t.isAfter(now)) sum = sum.add(s.epsilon());
    }
    return sum;
  }

  static Instant periodStart(Period per, Instant now) {
    LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate start = switch (per) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** When the period holding {@code now} ends and the budget renews. */
  public static Instant renewal(Period per, Instant now) {
    LocalDate start = periodStart(per, now).atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate next = switch (per) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
    };
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private void remember(Spend s) {
    byPrincipalAndTable.computeIfAbsent(key(s.principal(), s.table()), k -> new java.util.ArrayList<>()).add(s);
  }

  private static String key(String principal, String table) {
    return principal + '\u0000' + table.toLowerCase(java.util.Locale.ROOT);
  }
}
