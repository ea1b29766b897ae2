package io.shoal.site;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** TEMPORARY: phase timings for the fixed-cost probe. */
public final class Trace {
  public static volatile boolean on = false;
  public static final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  public static final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private static final ThreadLocal<Long> last = ThreadLocal.withInitial(System::nanoTime);

  public static void start() { last.set(System.nanoTime()); }

  public static void mark(String phase) {
    if (!on) return;
    long now = System.nanoTime();
    nanos.computeIfAbsent(phase, k -> new LongAdder()).add(now - last.get());
    counts.computeIfAbsent(phase, k -> new LongAdder()).increment();
    last.set(now);
  }

  public static String report() {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(nanos).forEach((k, v) -> sb.append(String.format("%-28s %8.3f ms%n", k, v.sum() / 1e6 / counts.get(k).sum())));
    nanos.clear(); counts.clear();
    return sb.toString();
  }
}
