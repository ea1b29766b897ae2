package io.shoal.planner.prepare;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * Prepared plans by connection and SQL text: parsing, Volcano and Janino cost tens of
 * milliseconds, a warm {@code SELECT COUNT(*)} at the sites a few. A plan is reused only while
 * the schema objects it was planned against are the same (new site metadata makes new schemas).
 * One bounded LRU for the JVM, so plans of closed connections age out.
 */
public final class PlanCache {
  private PlanCache() {}

  private static final java.util.concurrent.atomic.AtomicLong HITS = new java.util.concurrent.atomic.AtomicLong();

  /** Plans served from the cache since the JVM started (for tests and diagnostics). */
  public static long hits() {
    return HITS.get();
  }

  private static final int MAX_ENTRIES = 512;
  /**
   * Bounded by the statements' size too, not only by count: 512 plans of 20 MB statements would
   * keep 20 GB. A statement over {@link #MAX_SQL_CHARS} is not cached at all (its planning dwarfs
   * what a cache saves); the texts kept add up to at most {@link #MAX_TOTAL_CHARS}.
   */
  static final int MAX_SQL_CHARS = 64 * 1024;
  static final long MAX_TOTAL_CHARS = 8L * 1024 * 1024;
  private static long totalChars;

  private static final Map<List<Object>, CalcitePrepare.CalciteSignature<?>> CACHE =
      Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<List<Object>, CalcitePrepare.CalciteSignature<?>> e) {
          if (size() <= MAX_ENTRIES && totalChars <= MAX_TOTAL_CHARS) return false;
          totalChars -= chars(e.getKey());
          return true;
        }
      });

  private static int chars(List<Object> key) {
    return key.get(0) instanceof String s ? s.length() : 0;
  }

  /** Identity of an object as a key part (schemas do not define equals; be sure of it). */
  private record Same(Object o) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Same && ((Same) other).o == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(o);
    }
  }

  static List<Object> key(
      CalcitePrepare.Context context, String sql, Type elementType, long maxRowCount) {
    List<Object> key = new ArrayList<>();
    key.add(sql);
    key.add(elementType);
    key.add(maxRowCount);
    key.add(context.getDefaultSchemaPath());
    // The CalciteSchema around the root is a new snapshot per statement; its Schema is not.
    CalciteSchema root = context.getRootSchema();
    key.add(new Same(root.schema));
    for (CalciteSchema s : root.getSubSchemaMap().values()) {
      key.add(s.name);
      key.add(new Same(s.schema));
    }
    return key;
  }

  @SuppressWarnings("unchecked")
  static <T> CalcitePrepare.CalciteSignature<T> get(List<Object> key) {
    CalcitePrepare.CalciteSignature<T> sig = (CalcitePrepare.CalciteSignature<T>) CACHE.get(key);
    if (sig != null) HITS.incrementAndGet();
    return sig;
  }

  static void put(List<Object> key, CalcitePrepare.CalciteSignature<?> sig) {
    // Only queries: DDL and other statements have effects when prepared.
    if (sig.statementType == Meta.StatementType.SELECT && chars(key) <= MAX_SQL_CHARS) {
      synchronized (CACHE) {
        if (CACHE.put(key, sig) == null) totalChars += chars(key);
      }
    }
  }
}
