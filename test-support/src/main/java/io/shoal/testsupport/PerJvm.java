package io.shoal.testsupport;

/**
 * A fixture started once per test JVM, on first use, and closed when the JVM exits: the sites a
 * suite starts are shared by every suite that asks for them, as the federations of tck-tests are.
 *
 * <pre>{@code
 * private static final PerJvm<TestFederation> SHARED =
 *     new PerJvm<>(() -> new TestFederation(Files.createTempDirectory("shoal-tck-")));
 * public static TestFederation get() throws Exception { return SHARED.get(); }
 * }</pre>
 */
public final class PerJvm<T extends AutoCloseable> {

  /** Starts the fixture; may fail, and is asked again on the next {@link #get} if it does. */
  @FunctionalInterface
  public interface Starter<T> {
    T start() throws Exception;
  }

  private final Starter<T> starter;
  private T value;

  public PerJvm(Starter<T> starter) {
    this.starter = starter;
  }

  /** The fixture, started on the first call. */
  public synchronized T get() throws Exception {
    if (value == null) {
      T started = starter.start();
      value = started;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "close-fixture"));
    }
    return value;
  }

  private static void closeQuietly(AutoCloseable fixture) {
    try {
      fixture.close();
    } catch (Exception ignored) {
      // the JVM is exiting: the fixture's processes and ports go with it
    }
  }
}
