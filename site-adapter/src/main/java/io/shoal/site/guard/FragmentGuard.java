package io.shoal.site.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.ColumnInfo;
import io.shoal.site.SiteException;
import io.shoal.site.bound.Lineage;
import io.shoal.site.duck.DuckErrors;
import io.shoal.site.duck.ErrorText;
import io.shoal.site.table.ParsedFragment;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a site's defence: decides what one fragment reads from what DuckDB's binder
 * resolves, never from names in its text. A fragment must be exactly one SELECT (DuckDB's parser
 * decides), call only functions on {@link io.shoal.protocol.FragmentFunctions}, and read only the
 * tables the principal may see; the result names every base table and every column of it that any
 * scan reads, for the policy check to judge.
 *
 * <p>Why a shadow catalog and the unoptimised plan (measured against the attack corpus in
 * {@code GuardAttackTest}): names in the syntax tree can be shadowed by CTEs at any nesting level,
 * renamed by alias lists, hidden behind USING, NATURAL, {@code *}, {@code COLUMNS()} or whole-row
 * references; {@code EXPLAIN} output loses filter columns that the optimiser pushes into a scan or
 * folds away, and depends on the data. Binding against empty tables of the same names and types
 * resolves every one of those exactly, costs about a millisecond, and cannot depend on the data.
 *
 * <p>Decisions are kept by text and table versions, so a fragment seen before costs a map lookup.
 */
public final class FragmentGuard implements AutoCloseable {

  private static final Pattern MISSING_TABLE = Pattern.compile("Table with name ([^\\s!]+) does not exist");

  /** How often the tables' schemas are read again; a stale shadow fails closed (a binder error). */
  static final long SCHEMA_REFRESH_NANOS = 2_000_000_000L;

  private final String site;
  private final Supplier<Map<String, List<ColumnInfo>>> schemas;
  private final GuardCache<Decision> decisions;
  private final AtomicLong shadowIds = new AtomicLong();
  private final Map<Set<String>, Shadow> shadows = new HashMap<>();
  private Map<String, List<ColumnInfo>> current = Map.of();
  private long version;
  private long readAt = Long.MIN_VALUE;

  /** A shadow catalog for one set of visible tables at one version of their schemas. */
  private record Shadow(long id, long version, Set<String> tables, ShadowCatalog catalog) {}

  /** What the guard decided for one text: a fragment, or the refusal to give again. */
  private record Decision(
      ParsedFragment fragment, SiteException.Kind kind, String message, String rule, String sqlState, Set<String> tables) {}

  /**
   * @param site the site's name, for messages
   * @param schemas the columns of every table the site can read now (name in lower case)
   * @param cacheBytes bound of the decision cache
   */
  public FragmentGuard(String site, Supplier<Map<String, List<ColumnInfo>>> schemas, long cacheBytes) {
    this.site = site;
    this.schemas = schemas;
    this.decisions = new GuardCache<>(cacheBytes);
  }

  /**
   * Checks one fragment for a principal who may see {@code visible} tables.
   *
   * @param unavailable configured tables that cannot be read now, with the reason: reading one
   *     fails with a data error instead of "does not exist"
   */
  public ParsedFragment check(String sql, Set<String> visible, Map<String, String> unavailable) throws SiteException {
    if (sql == null || sql.isBlank()) throw new SiteException(SiteException.Kind.INVALID_SQL, "empty SQL");
    Shadow shadow = shadowFor(visible);
    String key = shadow.id() + "\u0000" + sql;
    Decision d = decisions.get(key);
    if (d == null) {
      d = decide(shadow, sql, unavailable);
      decisions.put(key, d, GuardCache.weigh(sql));
    }
    if (d.fragment() != null) return d.fragment();
    SiteException e = new SiteException(d.kind(), d.message()).withTables(d.tables()).withSqlState(d.sqlState());
    throw d.rule() == null ? e : e.withRule(d.rule());
  }

  private Decision decide(Shadow shadow, String sql, Map<String, String> unavailable) {
    try {
      return new Decision(bind(shadow, sql, unavailable), null, null, null, null, Set.of());
    } catch (SiteException e) {
      return new Decision(null, e.kind(), e.getMessage(), e.rule(), e.sqlState(), e.tables());
    }
  }

  private ParsedFragment bind(Shadow shadow, String sql, Map<String, String> unavailable) throws SiteException {
    ShadowCatalog.Reading reading = shadow.catalog().read(sql);
    JsonNode tree = reading.tree();
    if (tree.path("error").asBoolean(false)) {
      String message = tree.path("error_message").asText("invalid SQL");
      if (message.startsWith("Only SELECT statements")) {
        throw Refusals.refused(Refusals.Rule.STATEMENT, "only SELECT statements run at this site; refused: " + firstWord(sql));
      }
      String type = tree.path("error_type").asText("");
      throw new SiteException(SiteException.Kind.INVALID_SQL, (type.isEmpty() ? "" : capitalize(type) + " Error: ") + message);
    }
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      throw Refusals.refused(Refusals.Rule.STATEMENT, "a fragment must be exactly one SELECT statement, got " + statements.size());
    }
    JsonNode statement = statements.get(0);
    CallCheck.check(statement);
    JsonNode plan = reading.plan();
    if (plan == null) throw new SiteException(SiteException.Kind.INTERNAL, "the statement was not bound");
    if (plan.path("error").asBoolean(false)) throw bindError(shadow, sql, plan, unavailable);
    Map<String, Set<String>> columns = PlanReads.of(plan, shadow.tables());
    return new ParsedFragment(sql, statement, Set.copyOf(columns.keySet()), columns, Lineage.of(plan));
  }

  private SiteException bindError(Shadow shadow, String sql, JsonNode plan, Map<String, String> unavailable) {
    String type = plan.path("error_type").asText("");
    String message = plan.path("error_message").asText("cannot bind the statement");
    if (message.contains("unique_ptr that is NULL")) {
      // What DuckDB's plan serialiser says of a ? it could not type (sum(amount * ?)): say which.
      int untyped = shadow.catalog().untypedParameter(sql);
      if (untyped > 0) return DuckErrors.untypedParameter(untyped);
    }
    Matcher missing = MISSING_TABLE.matcher(message);
    if (missing.find()) {
      String table = missing.group(1).replace("\"", "").toLowerCase(Locale.ROOT);
      if (unavailable.containsKey(table)) {
        return new SiteException(SiteException.Kind.DATA_ERROR,
            "table " + table + " at site " + site + " is unavailable: " + ErrorText.withoutPaths(unavailable.get(table)));
      }
      return new SiteException(SiteException.Kind.NOT_FOUND, "table " + table + " does not exist at site " + site);
    }
    if (type.equalsIgnoreCase("not implemented")) {
      return new SiteException(SiteException.Kind.UNSUPPORTED, "not supported at this site: " + firstLine(message));
    }
    if (type.equalsIgnoreCase("permission")) {
      return Refusals.refused(Refusals.Rule.TABLE, "the statement reads something outside this site's tables: " + firstLine(message));
    }
    return new SiteException(SiteException.Kind.INVALID_SQL, capitalize(type) + " Error: " + firstLine(message));
  }

  private synchronized Shadow shadowFor(Set<String> visible) throws SiteException {
    long now = System.nanoTime();
    if (readAt == Long.MIN_VALUE || now - readAt > SCHEMA_REFRESH_NANOS) {
      Map<String, List<ColumnInfo>> fresh = new TreeMap<>(schemas.get());
      if (!fresh.equals(current)) {
        current = fresh;
        version++;
      }
      readAt = now;
    }
    Set<String> key = Set.copyOf(visible);
    Shadow shadow = shadows.get(key);
    if (shadow != null && shadow.version() == version) return shadow;
    Map<String, List<ColumnInfo>> tables = new TreeMap<>();
    current.forEach((name, cols) -> { if (key.contains(name)) tables.put(name, cols); });
    Shadow fresh = new Shadow(shadowIds.incrementAndGet(), version, Set.copyOf(tables.keySet()), ShadowCatalog.of(tables));
    shadows.put(key, fresh);
    if (shadow != null) shadow.catalog().close();
    return fresh;
  }

  /**
   * Binds SQL the site wrote itself (a policy rewrite of a checked fragment) and returns what it
   * resolves to; not cached. Fails like {@link #check} for what the binder cannot resolve.
   */
  public Lineage lineage(String sql, Set<String> visible) throws SiteException {
    ShadowCatalog.Reading reading = shadowFor(visible).catalog().read(sql);
    JsonNode plan = reading.plan();
    if (plan == null || plan.path("error").asBoolean(false)) {
      throw new SiteException(SiteException.Kind.INVALID_SQL, "the rewrite does not bind: "
          + (plan == null ? "not one SELECT" : firstLine(plan.path("error_message").asText(""))));
    }
    return Lineage.of(plan);
  }

  /** Decisions kept, and their estimated size (tests, the benchmark). */
  public long cachedBytes() {
    return decisions.bytes();
  }

  private static String firstWord(String sql) {
    String s = sql.strip();
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
    return end == 0 ? "statement" : s.substring(0, end).toUpperCase(Locale.ROOT);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static String capitalize(String s) {
    if (s.isEmpty()) return "SQL";
    String[] words = s.split(" ");
    StringBuilder out = new StringBuilder();
    for (String w : words) {
      if (w.isEmpty()) continue;
      out.append(out.length() > 0 ? " " : "").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return out.toString();
  }

  @Override
  public synchronized void close() {
    shadows.values().forEach(s -> s.catalog().close());
    shadows.clear();
  }
}
