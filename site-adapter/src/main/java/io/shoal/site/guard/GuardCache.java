package io.shoal.site.guard;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guard's decisions, kept by fragment text and shadow catalog (which stands for the table
 * versions it was built from), least recently used first out, and bounded by an estimate of the
 * bytes they hold rather than by count: a bound by count let nine 20 MB texts keep 2 GB alive.
 */
final class GuardCache<V> {
  /** Jackson keeps a syntax tree in roughly this many bytes per character of SQL (measured: 12-18). */
  static final int BYTES_PER_CHAR = 20;

  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);

  private record Entry<V>(V value, long weight) {}

  GuardCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  static long weigh(String sql) {
    return 1024L + (long) sql.length() * BYTES_PER_CHAR;
  }

  synchronized V get(String key) {
    Entry<V> e = entries.get(key);
    return e == null ? null : e.value();
  }

  synchronized void put(String key, V value, long weight) {
    if (weight > maxBytes / 4) return; // one huge text must not flush everything else
    Entry<V> old = entries.put(key, new Entry<>(value, weight));
    if (old != null) bytes -= old.weight();
    bytes += weight;
    Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      bytes -= it.next().getValue().weight();
      it.remove();
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return entries.size();
  }
}
