package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tck.jars.ChildJvm;
import io.shoal.tck.jars.TextRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Apache Spark 3.5 in local mode ({@code spark.read.jdbc} over {@code jdbc:shoal:}) equals the
 * oracle, embedded and through {@code shoal coordinator}, with the full jar (before and after
 * Spark's own Jackson, Netty, Guava, protobuf, Arrow and Janino on the classpath) and with the
 * remote-only jar. Spark runs in a JVM of its own with Spark's classpath as Spark resolves it (the
 * spark-probe module), not this module's pinned versions. See SparkProbe for the reads.
 */
class SparkJdbcTest {
  /** What Spark's launcher adds on JDK 17 (JavaModuleOptions); java.nio is also Arrow's. */
  private static final List<String> SPARK_JVM = List.of(
      "-XX:+IgnoreUnrecognizedVMOptions", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false");
  private static final String AGGREGATE_ORACLE = "SELECT o_orderstatus, COUNT(*) AS n, SUM(o_totalprice) AS total,"
      + " MIN(o_orderdate) AS first_day, MAX(o_totalprice) AS top FROM orders GROUP BY o_orderstatus";

  private static Connection siteOracle;
  private static List<String> orders;
  private static List<String> aggregate;

  @BeforeAll
  static void oracle() throws Exception {
    siteOracle = OracleTest.siteOracle(TestFederation.get().root().resolve("tpch"));
    orders = TextRows.query(siteOracle, "SELECT * FROM orders");
    aggregate = TextRows.query(siteOracle, AGGREGATE_ORACLE);
    assertThat(orders).hasSize(15_000);
  }

  @AfterAll
  static void close() throws Exception {
    if (siteOracle != null) siteOracle.close();
  }

  private static List<String> sparkClasspath() throws Exception {
    Path file = ChildJvm.built("spark.classpath.file");
    List<String> cp = new ArrayList<>();
    cp.add(ChildJvm.built("spark.probe.jar").toString());
    cp.addAll(Arrays.asList(Files.readString(file).strip().split(java.io.File.pathSeparator)));
    return cp;
  }

  private static Map<String, List<String>> spark(List<String> classpath, String... labelledUrls) throws Exception {
    Path out = Files.createTempFile("shoal-spark-", ".txt");
    List<String> args = new ArrayList<>(List.of(out.toString()));
    args.addAll(List.of(labelledUrls));
    ChildJvm.run(classpath, SPARK_JVM, "io.shoal.tck.spark.SparkProbe", args, 600);
    return TextRows.sections(out);
  }

  private static void assertReads(Map<String, List<String>> got, String label) {
    for (String read : List.of("defaults", "partitioned", "sites")) {
      assertThat(TextRows.difference(orders, got.get(label + "/" + read)))
          .as("%s/%s differs from the oracle", label, read).isNull();
    }
    assertThat(got.get(label + "/count")).as(label + "/count").containsExactly("15000");
    assertThat(TextRows.difference(aggregate, got.get(label + "/aggregate")))
        .as("%s/aggregate differs from the oracle", label).isNull();
  }

  private static String embedded() throws Exception {
    return "jdbc:shoal:sites=" + TestFederation.get().sitesProperty();
  }

  @Test
  void fullJarBeforeSparksClasspathEmbeddedAndRemote() throws Exception {
    List<String> cp = new ArrayList<>(List.of(ChildJvm.built("shoal.jdbc.jar").toString()));
    cp.addAll(sparkClasspath());
    Map<String, List<String>> got = spark(cp, "embedded=" + embedded(), "remote=" + TestCoordinator.url());
    assertReads(got, "embedded");
    assertReads(got, "remote");
  }

  @Test
  void fullJarAfterSparksClasspathEmbedded() throws Exception {
    List<String> cp = sparkClasspath();
    cp.add(ChildJvm.built("shoal.jdbc.jar").toString());
    assertReads(spark(cp, "embedded=" + embedded()), "embedded");
  }

  @Test
  void remoteOnlyJarWithSpark() throws Exception {
    List<String> cp = sparkClasspath();
    cp.add(ChildJvm.built("shoal.jdbc.remote.jar").toString());
    assertReads(spark(cp, "remote=" + TestCoordinator.url()), "remote");
  }
}
