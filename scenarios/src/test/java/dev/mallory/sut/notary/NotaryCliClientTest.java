package dev.mallory.sut.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.external.CommandResult;
import dev.mallory.external.LoopbackHttp;
import dev.mallory.external.NotaryClient;
import dev.mallory.external.NotaryServer;
import dev.mallory.sut.ClientOutcome;
import dev.mallory.sut.ClientSetup;
import dev.mallory.client.errors.Reason;
import dev.mallory.repo.store.Hashes;
import dev.mallory.sut.server.ReferenceServerUnderTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real notary client as a client under test, against the real notary-server 0.7.0 and the
 * reference server, with the real notary client as publisher. Attacks come from a tiny interposer.
 */
class NotaryCliClientTest {
  private static final String GUN = "example.com/app";
  private static final byte[] V1 = "hello notary v1\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] V2 = "hello notary v2\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  /** A running server (its URL), closed after the test. */
  private interface Running extends AutoCloseable {
    URI url();

    @Override
    void close();
  }

  private Running start(String which) {
    if (which.equals("notary-server")) {
      assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
      NotaryServer server = NotaryServer.start(dir.resolve("server"));
      return new Running() {
        public URI url() {
          return server.url();
        }

        public void close() {
          server.close();
        }
      };
    }
    ReferenceServerUnderTest reference = new ReferenceServerUnderTest(Clock.systemUTC());
    reference.start();
    return new Running() {
      public URI url() {
        return reference.url();
      }

      public void close() {
        reference.stop();
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"notary-server", "reference"})
  void honestUpdateIsAcceptedAndTimestampRollbackRefused(String which) throws Exception {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    try (Running server = start(which); Interposer mitm = new Interposer(server.url())) {
      NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
      ok(publisher.add(GUN, "v1", Files.write(dir.resolve("v1.txt"), V1)));
      ok(publisher.publish(GUN));
      byte[] root = fetch(server.url(), "root.json");
      byte[] oldTimestamp = fetch(server.url(), "timestamp.json");

      try (NotaryCliClient client = new NotaryCliClient(NotaryMode.PRIMED, Duration.ofSeconds(60))) {
        ClientOutcome init = client.init(setup("c1", root, mitm));
        assertThat(init).as(init.describe()).isInstanceOf(ClientOutcome.Accepted.class);
        ClientOutcome refresh = client.refresh();
        assertThat(refresh).as(refresh.describe()).isInstanceOf(ClientOutcome.Accepted.class);
        Map<String, Long> first = client.trustedVersions();
        assertThat(first).containsKeys("root", "targets", "snapshot", "timestamp");

        mitm.override("/targets/" + Hashes.sha256(V1) + ".v1", V1);
        ClientOutcome download = client.download(List.of("v1"));
        assertThat(download).as(download.describe()).isInstanceOf(ClientOutcome.Accepted.class);
        assertThat(client.downloadedTarget("v1")).hasValue(V1);

        // The publisher moves on: new targets, new snapshot, new timestamp.
        ok(publisher.add(GUN, "v2", Files.write(dir.resolve("v2.txt"), V2)));
        ok(publisher.publish(GUN));
        ClientOutcome second = client.refresh();
        assertThat(second).as(second.describe()).isInstanceOf(ClientOutcome.Accepted.class);
        long trustedTimestamp = client.trustedVersions().get("timestamp");
        assertThat(trustedTimestamp).isGreaterThan(first.get("timestamp"));

        // Rollback: the attacker replays the first timestamp (validly signed, lower version).
        mitm.override("/timestamp.json", oldTimestamp);
        ClientOutcome rollback = client.refresh();
        assertThat(rollback).as(rollback.describe()).isInstanceOf(ClientOutcome.Refused.class);
        assertThat(((ClientOutcome.Refused) rollback).reason()).as(rollback.describe()).hasValue(Reason.ROLLBACK);
        assertThat(client.trustedVersions().get("timestamp")).isEqualTo(trustedTimestamp);
        mitm.clear();

        // Wrong bytes for a signed target: notary verify refuses them.
        mitm.override("/targets/" + Hashes.sha256(V2) + ".v2", "evil bytes here\n".getBytes(StandardCharsets.UTF_8));
        ClientOutcome tampered = client.download(List.of("v2"));
        assertThat(tampered).as(tampered.describe()).isInstanceOf(ClientOutcome.Refused.class);
        assertThat(((ClientOutcome.Refused) tampered).reason()).as(tampered.describe()).hasValue(Reason.LENGTH_OR_HASH_MISMATCH);
        assertThat(client.downloadedTarget("v2")).isEmpty();

        ClientOutcome missing = client.download(List.of("no-such-target"));
        assertThat(missing).as(missing.describe()).isInstanceOf(ClientOutcome.Refused.class);
        assertThat(((ClientOutcome.Refused) missing).reason()).as(missing.describe()).hasValue(Reason.TARGET_NOT_FOUND);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"notary-server", "reference"})
  void trustModes(String which) throws Exception {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    try (Running server = start(which); Interposer mitm = new Interposer(server.url())) {
      NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
      ok(publisher.add(GUN, "v1", Files.write(dir.resolve("v1.txt"), V1)));
      ok(publisher.publish(GUN));
      ok(publisher.add("example.com/other", "v1", dir.resolve("v1.txt")));
      ok(publisher.publish("example.com/other"));
      byte[] root = fetch(server.url(), "root.json");
      byte[] otherRoot = LoopbackHttp.get(URI.create(server.url() + "/v2/example.com/other/_trust/tuf/root.json"), 1 << 20).body();

      Function<String, NotaryCliClient> mode = m -> new NotaryCliClient(NotaryMode.parse(m), Duration.ofSeconds(60));
      for (String m : List.of("", "tofu", "no-tofu", "pinned")) {
        NotaryCliClient client = mode.apply(m);
        client.init(setup("ok-" + m, root, mitm));
        ClientOutcome outcome = client.refresh();
        assertThat(outcome).as(m + ": " + outcome.describe()).isInstanceOf(ClientOutcome.Accepted.class);
        assertThat(client.trustedVersions()).as(m).containsKeys("root", "timestamp");
      }
      // The server's root is not the one the client was given (primed) or pinned to: refused.
      for (String m : List.of("", "pinned", "no-tofu")) {
        NotaryCliClient client = mode.apply(m);
        client.init(setup("bad-" + m, otherRoot, mitm));
        ClientOutcome outcome = client.refresh();
        assertThat(outcome).as(m + ": " + outcome.describe()).isInstanceOf(ClientOutcome.Refused.class);
        assertThat(((ClientOutcome.Refused) outcome).reason()).as(outcome.describe()).hasValue(Reason.MISSING_SIGNATURES);
      }
    }
  }

  private ClientSetup setup(String name, byte[] root, Interposer mitm) {
    return new ClientSetup(dir.resolve(name), root, null, mitm.targetsUrl(), mitm.url(), GUN);
  }

  private static byte[] fetch(URI server, String file) {
    LoopbackHttp.Response r = LoopbackHttp.get(URI.create(server + "/v2/" + GUN + "/_trust/tuf/" + file), 1 << 20);
    assertThat(r.status()).as(file).isEqualTo(200);
    return r.body();
  }

  private static CommandResult ok(CommandResult r) {
    assertThat(r.ok()).as(r.toString()).isTrue();
    return r;
  }
}
