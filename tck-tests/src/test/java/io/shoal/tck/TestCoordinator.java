package io.shoal.tck;

import io.shoal.driver.CoordinatorServer;
import io.shoal.planner.client.SiteEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code shoal coordinator} in-process on a free loopback port over the shared {@link
 * TestFederation}, without sign-in: the remote path as thin clients (Spark, DBeaver) meet it.
 * Started once per test JVM and stopped when it exits.
 */
public final class TestCoordinator {
  private static CoordinatorServer shared;
  private static Path config;

  private TestCoordinator() {}

  /** {@code jdbc:shoal:remote:url=http://127.0.0.1:PORT} of the shared coordinator. */
  public static synchronized String url() throws Exception {
    if (shared == null) {
      Path dir = Files.createTempDirectory("shoal-coord-");
      StringBuilder yaml = new StringBuilder("sites:\n");
      for (SiteEndpoint e : TestFederation.get().endpoints()) {
        yaml.append("  - { name: ").append(e.name()).append(", uri: \"").append(e.uri()).append("\" }\n");
      }
      config = dir.resolve("coordinator.yaml");
      Files.writeString(config, yaml);
      shared = CoordinatorServer.start(config, "127.0.0.1", 0);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return "jdbc:shoal:remote:url=http://127.0.0.1:" + shared.port();
  }

  /** The coordinator's YAML file (sites of the shared federation). */
  public static synchronized Path config() throws Exception {
    url();
    return config;
  }
}
