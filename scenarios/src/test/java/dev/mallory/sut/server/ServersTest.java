package dev.mallory.sut.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.external.CommandResult;
import dev.mallory.external.FreePort;
import dev.mallory.external.NotaryClient;
import dev.mallory.external.NotaryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real notary-server 0.7.0 as a server under test, three ways (URL, command line, container
 * image), plus the reference server: each starts, is healthy, takes a publish from the real
 * notary client and lists it back, and after stop its process or container is gone.
 */
class ServersTest {
  private static final String GUN = "example.com/sut";

  @TempDir Path dir;

  @AfterAll
  static void stopDockerIfOurs() {
    DockerForTests.release();
  }

  @Test
  void specsParse() {
    ServersOptions options = ServersOptions.in(dir);
    assertThat(Servers.fromSpec("reference", options)).isInstanceOf(ReferenceServerUnderTest.class);
    assertThat(Servers.fromSpec("url:http://127.0.0.1:4443/", options).name()).isEqualTo("url:http://127.0.0.1:4443");
    assertThat(Servers.fromSpec("cmd:notary-server -config {config}", options).name()).isEqualTo("cmd:notary-server");
    assertThat(Servers.fromSpec("image:mallory/notary-server:local", options).name()).isEqualTo("image:mallory/notary-server:local");
    assertThatThrownBy(() -> Servers.fromSpec("url:http://example.com:4443", options)).hasMessageContaining("loopback");
    assertThatThrownBy(() -> Servers.fromSpec("cmd:notary-server", options)).hasMessageContaining("{config} or {port}");
    assertThatThrownBy(() -> Servers.fromSpec("cmd:", options)).hasMessageContaining("needs a command");
    assertThatThrownBy(() -> Servers.fromSpec("ftp:x", options)).hasMessageContaining("known: reference");
    assertThat(CommandServer.split("notary-server -config '{config} x' \"a b\" c\\ d"))
        .containsExactly("notary-server", "-config", "{config} x", "a b", "c d");
  }

  @Test
  void byUrl() throws Exception {
    assumeTrue(NotaryServer.isInstalled() && NotaryClient.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (NotaryServer real = NotaryServer.start(dir.resolve("real"))) {
      ServerUnderTest server = Servers.fromSpec("url:" + real.url(), ServersOptions.in(dir));
      server.start();
      assertThat(server.isHealthy()).isTrue();
      assertThat(server.restartable()).isFalse();
      assertThat(server.killable()).isFalse();
      publishAndList(server);
      server.stop();
      assertThat(real.isAlive()).as("url: servers are not Mallory's to stop").isTrue();
    }
    ServerUnderTest gone = Servers.fromSpec("url:http://127.0.0.1:" + FreePort.find(), ServersOptions.in(dir));
    assertThatThrownBy(gone::start).isInstanceOf(ServerStartException.class).hasMessageContaining("no Notary server answers");
  }

  @Test
  void byCommandLine() throws Exception {
    assumeTrue(NotaryServer.isInstalled() && NotaryClient.isInstalled(), NotaryServer.NOT_INSTALLED);
    CommandServer server = (CommandServer) Servers.fromSpec("cmd:notary-server -config {config} -logf json", ServersOptions.in(dir));
    try {
      long begin = System.nanoTime();
      server.start();
      System.out.printf("cmd: notary-server healthy in %d ms (start() %d ms)%n", server.startupTime().toMillis(),
          (System.nanoTime() - begin) / 1_000_000);
      assertThat(server.isHealthy()).isTrue();
      long pid = server.pid();
      assertThat(ProcessHandle.of(pid)).isPresent();
      assertThat(Files.readString(dir.resolve("server-cmd/server-config.json"))).contains("127.0.0.1:" + server.url().getPort());
      publishAndList(server);

      // restart: same URL, a new process, empty again (memory storage)
      server.restart();
      assertThat(server.pid()).isNotEqualTo(pid);
      assertThat(server.isHealthy()).isTrue();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      // kill: gone at once
      long second = server.pid();
      server.kill();
      assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(server.isHealthy()).isFalse();
      server.restart();
      publishAndList(server);
      long last = server.pid();
      int port = server.url().getPort();
      server.stop();
      assertThat(ProcessHandle.of(last).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(FreePort.isClosed(port)).isTrue();
    } finally {
      server.stop();
    }
  }

  @Test
  void commandThatDiesIsAClearError() {
    ServerUnderTest server = Servers.fromSpec("cmd:sh -c 'echo no such config {config} >&2; exit 3'", ServersOptions.in(dir));
    try {
      assertThatThrownBy(server::start).isInstanceOf(ServerStartException.class).hasMessageContaining("exited").hasMessageContaining("no such config");
    } finally {
      server.stop();
    }
  }

  @Test
  void byContainerImage() throws Exception {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    Optional<String> noDocker = DockerForTests.acquire();
    assumeTrue(noDocker.isEmpty(), () -> "SKIPPED: containers cannot run here: " + noDocker.orElse(""));
    ImageServer server = (ImageServer) Servers.fromSpec("image:" + DockerForTests.IMAGE, ServersOptions.in(dir));
    try {
      long begin = System.nanoTime();
      server.start();
      System.out.printf("image: container healthy in %d ms (start() %d ms)%n", server.startupTime().toMillis(),
          (System.nanoTime() - begin) / 1_000_000);
      assertThat(server.isHealthy()).isTrue();
      String id = server.containerId();
      assertThat(ImageServer.containerExists(id)).isTrue();
      publishAndList(server);

      server.restart();
      assertThat(server.containerId()).isNotEqualTo(id);
      assertThat(ImageServer.containerExists(id)).as("old container removed").isFalse();
      assertThat(server.isHealthy()).isTrue();
      server.kill();
      assertThat(server.isHealthy()).isFalse();
      server.restart();
      publishAndList(server);

      String last = server.containerId();
      int port = server.url().getPort();
      server.stop();
      assertThat(ImageServer.containerExists(last)).as("container removed after stop").isFalse();
      assertThat(FreePort.isClosed(port)).isTrue();
    } finally {
      server.stop();
    }
  }

  @Test
  void missingImageIsAClearError() {
    Optional<String> noDocker = DockerForTests.acquire();
    assumeTrue(noDocker.isEmpty(), () -> "SKIPPED: containers cannot run here: " + noDocker.orElse(""));
    ServerUnderTest server = Servers.fromSpec("image:mallory/no-such-image:none", ServersOptions.in(dir));
    assertThatThrownBy(server::start).isInstanceOf(ServerStartException.class).hasMessageContaining("never pulls");
  }

  @Test
  void reference() throws Exception {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    ServerUnderTest server = Servers.fromSpec("reference", ServersOptions.in(dir));
    try {
      server.start();
      assertThat(server.isHealthy()).isTrue();
      publishAndList(server);
      server.restart();
      assertThat(server.isHealthy()).isTrue();
      int port = server.url().getPort();
      server.stop();
      assertThat(FreePort.isClosed(port)).isTrue();
    } finally {
      server.stop();
    }
  }

  /** The real notary client publishes a target through the server and lists it back with a fresh trust dir. */
  private void publishAndList(ServerUnderTest server) throws Exception {
    String tag = "t" + System.nanoTime();
    Path file = Files.writeString(dir.resolve(tag + ".txt"), "payload " + tag + "\n", StandardCharsets.UTF_8);
    NotaryClient publisher = NotaryClient.builder(server.url(), dir.resolve("pub-" + tag)).timeout(Duration.ofSeconds(60)).build();
    ok(publisher.add(GUN, tag, file));
    ok(publisher.publish(GUN));
    NotaryClient reader = NotaryClient.create(server.url(), dir.resolve("read-" + tag));
    assertThat(ok(reader.list(GUN)).stdout()).contains(tag);
  }

  private static CommandResult ok(CommandResult r) {
    assertThat(r.ok()).as(r.toString()).isTrue();
    return r;
  }

}
