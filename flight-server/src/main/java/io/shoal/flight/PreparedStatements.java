package io.shoal.flight;

import com.google.protobuf.ByteString;
import io.shoal.protocol.SqlStates;
import io.shoal.site.limits.LimitExceeded;
import io.shoal.site.limits.SiteLimits;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The prepared statements clients hold open, bounded: at most {@code max-prepared-statements} per
 * principal (beyond that the principal's least recently used idle one is closed; only when all are
 * streaming is a new one refused), and one unused for {@code prepared-idle-timeout} is closed (a
 * client that prepares and never closes no longer holds a DuckDB connection, about 55 kB each,
 * until the site stops). A statement whose stream is running is never closed under it.
 */
final class PreparedStatements<T> implements AutoCloseable {
  private final String site;
  private final int maxPerPrincipal;
  private final long idleNanos;
  private final Consumer<T> closer;
  private final Map<ByteString, Entry<T>> entries = new ConcurrentHashMap<>();
  private final Map<String, Integer> perPrincipal = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;

  private static final class Entry<T> {
    final String principal;
    final T value;
    volatile long lastUsed = System.nanoTime();
    int inUse;
    boolean expired;

    Entry(String principal, T value) {
      this.principal = principal;
      this.value = value;
    }
  }

  PreparedStatements(String site, int maxPerPrincipal, Duration idle, Consumer<T> closer) {
    this.site = site;
    this.maxPerPrincipal = maxPerPrincipal;
    this.idleNanos = idle.toNanos();
    this.closer = closer;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "shoal-" + site + "-prepared-expiry");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(50, Math.min(30_000, idle.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
  }

  /** Keeps {@code value} for {@code principal} under a new handle, or refuses (54000) over the limit. */
  ByteString add(String principal, T value) throws LimitExceeded {
    String who = principal == null ? "anonymous" : principal;
    synchronized (perPrincipal) {
      int n = perPrincipal.getOrDefault(who, 0);
      if (n >= maxPerPrincipal && evictOldestIdle(who)) n = perPrincipal.getOrDefault(who, 0);
      if (n >= maxPerPrincipal) {
        throw new LimitExceeded(
            SiteLimits.MAX_PREPARED_STATEMENTS, SqlStates.LIMIT_EXCEEDED,
            who + " holds " + n + " open prepared statements at site " + site + ", its limit "
                + SiteLimits.MAX_PREPARED_STATEMENTS + "; close the statements you no longer use");
      }
      perPrincipal.put(who, n + 1);
    }
    ByteString handle = ByteString.copyFromUtf8(UUID.randomUUID().toString());
    entries.put(handle, new Entry<>(who, value));
    return handle;
  }

  /**
   * Whether {@code principal} prepared the statement behind {@code handle}. A handle is a random
   * UUID, but one seen in a log or a proxy must not let another caller run a statement that was
   * checked against someone else's policy.
   */
  boolean ownedBy(ByteString handle, String principal) {
    Entry<T> e = entries.get(handle);
    return e != null && e.principal.equals(principal == null ? "anonymous" : principal);
  }

  /** The statement, marked as used now; null when unknown, closed or expired. */
  T get(ByteString handle) {
    Entry<T> e = entries.get(handle);
    if (e == null) return null;
    e.lastUsed = System.nanoTime();
    return e.value;
  }

  /** Marks the statement busy (a stream runs) until the returned lease closes; null when unknown. */
  Lease lease(ByteString handle) {
    Entry<T> e = entries.get(handle);
    if (e == null) return null;
    synchronized (e) {
      if (e.expired) return null;
      e.inUse++;
    }
    return () -> {
      synchronized (e) {
        e.inUse--;
      }
      e.lastUsed = System.nanoTime();
    };
  }

  /** A statement in use; closing marks it unused again. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** Removes and closes the statement; false when it was unknown. */
  boolean close(ByteString handle) {
    Entry<T> e = entries.remove(handle);
    if (e == null) return false;
    forget(e);
    return true;
  }

  int size() {
    return entries.size();
  }

  /**
   * Closes {@code principal}'s least recently used statement that no stream is using. The Flight SQL
   * JDBC driver 18.3 prepares a statement per {@code executeQuery} and closes them only with the
   * JDBC Statement, so a client that reuses one Statement reaches the limit in normal use: the
   * oldest statement then goes, rather than the new one being refused.
   */
  private boolean evictOldestIdle(String principal) {
    Map.Entry<ByteString, Entry<T>> oldest = null;
    for (var it : entries.entrySet()) {
      Entry<T> e = it.getValue();
      if (!e.principal.equals(principal)) continue;
      synchronized (e) {
        if (e.inUse > 0 || e.expired) continue;
      }
      if (oldest == null || e.lastUsed < oldest.getValue().lastUsed) oldest = it;
    }
    if (oldest == null) return false;
    Entry<T> e = oldest.getValue();
    synchronized (e) {
      if (e.inUse > 0 || e.expired) return false;
      e.expired = true;
    }
    if (entries.remove(oldest.getKey(), e)) forget(e);
    return true;
  }

  /** Closes every statement unused for longer than the idle timeout. */
  void expire() {
    long now = System.nanoTime();
    for (var it : entries.entrySet()) {
      Entry<T> e = it.getValue();
      synchronized (e) {
        if (e.inUse > 0 || now - e.lastUsed < idleNanos) continue;
        e.expired = true;
      }
      if (entries.remove(it.getKey(), e)) forget(e);
    }
  }

  private void forget(Entry<T> e) {
    perPrincipal.computeIfPresent(e.principal, (k, n) -> n <= 1 ? null : n - 1);
    try {
      closer.accept(e.value);
    } catch (RuntimeException ignored) {
      // closing a statement must not stop the sweep or the caller
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    for (ByteString h : java.util.List.copyOf(entries.keySet())) close(h);
  }
}
