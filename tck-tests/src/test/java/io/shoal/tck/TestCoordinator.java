package io.shoal.tck;

import io.shoal.driver.CoordinatorServer;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.testsupport.PerJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    Path config = write(TestFederation.get().endpoints(), null);
    return new Started(CoordinatorServer.start(config, "127.0.0.1", 0), config);
  }

  /**
   * A coordinator of its own over {@code sites} on a free loopback port, where clients sign in
   * against {@code users} (lines "user password"). A site's token is what the coordinator shows it
   * (a delegate's token, so the site believes the signed-in user). The caller closes it.
   */
  public static CoordinatorServer signedIn(List<SiteEndpoint> sites, String users) throws Exception {
    return CoordinatorServer.start(write(sites, users), "127.0.0.1", 0);
  }

  private static Path write(List<SiteEndpoint> sites, String users) throws Exception {
    Path dir = Files.createTempDirectory("shoal-coord-");
    StringBuilder yaml = new StringBuilder("sites:\n");
    for (SiteEndpoint e : sites) {
      yaml.append("  - { name: ").append(e.name()).append(", uri: \"").append(e.uri()).append('"')
          .append(e.token() == null ? "" : ", token: \"" + e.token() + '"').append(" }\n");
    }
    if (users != null) {
      Files.writeString(dir.resolve("users"), users);
      yaml.append("auth: { users-file: ./users }\n");
    }
    Path config = dir.resolve("coordinator.yaml");
    Files.writeString(config, yaml);
    return config;
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
