package io.shoal.tck;

import io.shoal.driver.CoordinatorServer;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.testsupport.PerJvm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code shoal coordinator} in-process on a free loopback port over the shared {@link
 * TestFederation}, without sign-in: the remote path as thin clients (Spark, DBeaver) meet it.
 * Started once per test JVM and stopped when it exits.
 */
public final class TestCoordinator {
  private static final PerJvm<Started> SHARED = new PerJvm<>(TestCoordinator::start);

  /** The running coordinator and its YAML file. */
  private record Started(CoordinatorServer server, Path config) implements AutoCloseable {
    @Override
    public void close() {
      server.close();
    }
  }

  private TestCoordinator() {}

  private static Started start() throws Exception {
    Path dir = Files.createTempDirectory("shoal-coord-");
    StringBuilder yaml = new StringBuilder("sites:\n");
    for (SiteEndpoint e : TestFederation.get().endpoints()) {
      yaml.append("  - { name: ").append(e.name()).append(", uri: \"").append(e.uri()).append("\" }\n");
    }
    Path config = dir.resolve("coordinator.yaml");
    Files.writeString(config, yaml);
    return new Started(CoordinatorServer.start(config, "127.0.0.1", 0), config);
  }

  /** {@code jdbc:shoal:remote:url=http://127.0.0.1:PORT} of the shared coordinator. */
  public static String url() throws Exception {
    return "jdbc:shoal:remote:url=http://127.0.0.1:" + SHARED.get().server().port();
  }

  /** The coordinator's YAML file (sites of the shared federation). */
  public static Path config() throws Exception {
    return SHARED.get().config();
  }
}
