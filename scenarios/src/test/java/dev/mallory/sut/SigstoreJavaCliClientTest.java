package dev.mallory.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CliClient driving the real sigstore-java 2.0.0 through its shim and ONE shared warm shim server.
 * Needs {@code mvn -f scenarios/clients/sigstore-java/pom.xml package -DskipTests}.
 */
class SigstoreJavaCliClientTest extends ConformanceClientContract {
  private static ClientFactory factory;
  @TempDir static Path logs;

  @BeforeAll
  static void start() {
    ClientsOptions options = ClientsOptions.defaults().withLogDir(logs);
    assumeTrue(Files.isDirectory(options.clientsDir().resolve("sigstore-java/target/lib")), "build the sigstore-java shim");
    factory = Clients.fromSpec("sigstore-java", options);
  }

  @AfterAll
  static void stop() {
    if (factory != null) {
      factory.close();
    }
  }

  @Override
  ClientFactory factory() {
    return factory;
  }

  @Test
  void noDelegationsAndNoPlainSnapshotNames() {
    // REFERENCE_TIME: its shim hands --reference-time / FAKETIME to the Updater's Clock.
    assertThat(factory.capabilities()).containsExactlyInAnyOrder(Capability.TUF_LAYOUT, Capability.DOWNLOAD, Capability.REFERENCE_TIME);
  }

  @Test
  void oneServerServesEveryClientAndIsStoppedByPidOnClose() throws Exception {
    ClientsOptions options = ClientsOptions.defaults().withLogDir(logs);
    Clients.SigstoreFactory own = (Clients.SigstoreFactory) Clients.fromSpec("sigstore-java", options);
    try (TestRepository repo = new TestRepository(true)) {
      repo.addTarget("hello.txt", "hello\n");
      repo.publish();
      assertThat(own.serverPid()).isEmpty(); // started lazily, not for listing capabilities
      for (int i = 0; i < 2; i++) {
        Path dir = Files.createTempDirectory(logs, "client");
        try (ClientUnderTest client = own.newClient()) {
          client.init(new ClientSetup(dir, repo.rootBytes(), repo.metadataUrl(), repo.targetsUrl(), null, null));
          assertThat(client.download(List.of("hello.txt"))).isInstanceOf(ClientOutcome.Accepted.class);
        }
      }
      OptionalLong pid = own.serverPid();
      assertThat(pid).isPresent();
      assertThat(ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive)).contains(true);
      own.close();
      assertThat(ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    } finally {
      own.close();
    }
  }
}
