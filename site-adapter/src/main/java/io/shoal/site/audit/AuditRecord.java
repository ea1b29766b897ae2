package io.shoal.site.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * One line of the audit log.
 *
 * @param time ISO-8601 instant the fragment finished
 * @param site the site's name
 * @param queryId the federated query id from the caller (or one the site made up)
 * @param principal who asked
 * @param sql the fragment as received
 * @param sqlSha256 hash of {@code sql}, to join lines with the coordinator's records
 * @param tables the tables read, with the Iceberg snapshot id (null for files)
 * @param rows rows sent
 * @param bytes Arrow buffer bytes sent (the coordinator counts the same way)
 * @param decision {@code rows}, {@code aggregates}, {@code refused}, {@code error} (the statement
 *     failed before a decision) or {@code audit-read} (a caller read the audit log)
 * @param suppressedGroups groups removed by the minimum group size
 * @param status {@code ok}, {@code error} or {@code cancelled}
 * @param message the refusal or error, else null
 * @param rule the rule that refused the fragment (e.g. {@code guard:function},
 *     {@code policy:denied-column}), else null
 * @param millis time from prepare to close
 * @param storeBytes bytes fetched from object storage for this fragment (0 when its files came from
 *     the site's file cache or local disk)
 * @param epsilon for {@code private}: the privacy budget the fragment spent, else null
 */
public record AuditRecord(
    String time,
    String site,
    @JsonProperty("query_id") String queryId,
    String principal,
    String sql,
    @JsonProperty("sql_sha256") String sqlSha256,
    Map<String, Long> tables,
    long rows,
    long bytes,
    String decision,
    @JsonProperty("suppressed_groups") long suppressedGroups,
    String status,
    String message,
    String rule,
    long millis,
    @JsonProperty("store_bytes") long storeBytes,
    java.math.BigDecimal epsilon) {

  /** A line that fetched nothing from object storage and spent no privacy budget. */
  public AuditRecord(
      String time, String site, String queryId, String principal, String sql, String sqlSha256,
      Map<String, Long> tables, long rows, long bytes, String decision, long suppressedGroups,
      String status, String message, String rule, long millis) {
    this(time, site, queryId, principal, sql, sqlSha256, tables, rows, bytes, decision, suppressedGroups,
        status, message, rule, millis, 0, null);
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
