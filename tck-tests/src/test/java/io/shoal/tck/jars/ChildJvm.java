package io.shoal.tck.jars;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class in a new JVM with exactly the classpath given, as a user's program would. */
public final class ChildJvm {
  private ChildJvm() {}

  /** The jar a build property names; fails with what to run when it was not built. */
  public static Path built(String property) {
    String p = System.getProperty(property);
    if (p == null || !Files.isRegularFile(Path.of(p))) {
      throw new IllegalStateException(property + " = " + p + " does not exist: the shaded jars and the"
          + " Spark probe are built in the package phase; run `mvn verify`, not `mvn test`");
    }
    return Path.of(p);
  }

  /** This test's own compiled classes (the probes), without any of its dependencies. */
  public static Path testClasses() throws Exception {
    return Path.of(JdbcProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * Runs {@code mainClass} and returns its output (stdout and stderr); fails with that output when
   * it exits non-zero or outlives {@code timeoutSeconds}.
   */
  public static String run(List<String> classpath, List<String> jvmFlags, String mainClass, List<String> args,
      int timeoutSeconds) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(mainClass);
    cmd.addAll(args);
    Path log = Files.createTempFile("shoal-child-", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    if (!done || p.exitValue() != 0) {
      throw new AssertionError(mainClass + (done ? " exited " + p.exitValue() : " timed out after " + timeoutSeconds + " s")
          + "; output:\n" + tail(output));
    }
    return output;
  }

  private static String tail(String s) {
    return s.length() <= 8000 ? s : "..." + s.substring(s.length() - 8000);
  }
}
