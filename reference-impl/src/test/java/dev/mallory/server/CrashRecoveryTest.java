package dev.mallory.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.external.ManagedProcess;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import dev.mallory.repo.MetaFiles;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.RoleFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server process SIGKILLed while publishing comes back serving a consistent, verifiable state. */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void killedMidPublishAndRestartedServesAVerifiableState() throws Exception {
    long seenBeforeKill;
    try (ManagedProcess publisher = start("publish")) {
      URI url = waitForPort(publisher);
      // Let it publish for a while, then kill it without warning.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      do {
        Thread.sleep(200);
        seenBeforeKill = timestamp(url).signed().version();
      } while (seenBeforeKill < 15 && System.nanoTime() < deadline);
      seenBeforeKill = timestamp(url).signed().version();
      publisher.kill();
      assertThat(publisher.isAlive()).isFalse();
    }
    Files.delete(dir.resolve("port"));
    try (ManagedProcess server = start("serve")) {
      URI url = waitForPort(server);
      Metadata<Timestamp> ts = timestamp(url);
      assertThat(ts.signed().version()).as("nothing that was served is lost").isGreaterThanOrEqualTo(seenBeforeKill);
      verifyChain(url, ts);
    }
  }

  /** The client workflow of spec 5.3-5.6 over what the restarted server serves. */
  private static void verifyChain(URI url, Metadata<Timestamp> ts) throws Exception {
    Dialect d = Dialect.TUF_1_0;
    Root root = d.parse(get(url, "/metadata/1.root.json"), Root.class).signed();
    for (long v = 2; ; v++) {
      byte[] next = getOrNull(url, "/metadata/" + v + ".root.json");
      if (next == null) {
        break;
      }
      Metadata<Root> m = d.parse(next, Root.class);
      assertThat(reached(m, root.keys(), root.role(RoleType.ROOT))).isTrue();
      root = m.signed();
    }
    assertThat(reached(ts, root.keys(), root.role(RoleType.TIMESTAMP))).isTrue();
    long snapshotVersion = ts.signed().snapshotMeta().version().getAsLong();
    byte[] snapshotBytes = get(url, "/metadata/" + snapshotVersion + ".snapshot.json");
    assertThat(MetaFiles.matches(ts.signed().snapshotMeta(), RoleFile.of("snapshot", snapshotVersion, snapshotBytes))).isTrue();
    Metadata<Snapshot> snapshot = d.parse(snapshotBytes, Snapshot.class);
    assertThat(reached(snapshot, root.keys(), root.role(RoleType.SNAPSHOT))).isTrue();
    long targetsVersion = snapshot.signed().metaFor("targets").get().version().getAsLong();
    Metadata<Targets> targets = d.parse(get(url, "/metadata/" + targetsVersion + ".targets.json"), Targets.class);
    assertThat(reached(targets, root.keys(), root.role(RoleType.TARGETS))).isTrue();
    for (var delegation : targets.signed().delegations().map(x -> x.roles()).orElse(List.of())) {
      long v = snapshot.signed().metaFor(delegation.name()).orElseThrow().version().getAsLong();
      Metadata<Targets> delegated = d.parse(get(url, "/metadata/" + v + "." + delegation.name() + ".json"), Targets.class);
      Role r = new Role(delegation.keyIds(), delegation.threshold());
      assertThat(reached(delegated, targets.signed().delegations().get().keys(), r)).as(delegation.name()).isTrue();
    }
    for (Map.Entry<String, dev.mallory.model.TargetFile> t : targets.signed().targets().entrySet()) {
      String sha = t.getValue().hashes().get("sha256");
      byte[] content = get(url, "/targets/" + sha + "." + t.getKey());
      assertThat(Hashes.sha256(content)).as(t.getKey()).isEqualTo(sha);
    }
  }

  private static boolean reached(Metadata<?> m, Map<String, dev.mallory.model.Key> keys, Role role) {
    return ThresholdCheck.count(m.signedBytes(), m.signatures(), keys, role.keyIds(), role.threshold(), Dialect.TUF_1_0.keyEncoding()).reached();
  }

  private ManagedProcess start(String mode) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ManagedProcess.start("crashable-" + mode,
        List.of(java, "-cp", System.getProperty("java.class.path"), CrashableServerMain.class.getName(),
            dir.resolve("data").toString(), dir.resolve("port").toString(), mode),
        dir, Map.of(), dir.resolve("logs"));
  }

  private URI waitForPort(ManagedProcess process) {
    process.waitUntil(() -> Files.exists(dir.resolve("port")), Duration.ofSeconds(30));
    try {
      return URI.create("http://127.0.0.1:" + Files.readString(dir.resolve("port")).trim());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Metadata<Timestamp> timestamp(URI url) throws Exception {
    return Dialect.TUF_1_0.parse(get(url, "/metadata/timestamp.json"), Timestamp.class);
  }

  private static byte[] get(URI url, String path) throws Exception {
    byte[] body = getOrNull(url, path);
    assertThat(body).as(path + " at " + Instant.now()).isNotNull();
    return body;
  }

  private static byte[] getOrNull(URI url, String path) throws Exception {
    var r = NotaryUploads.get(url, path);
    return r.statusCode() == 200 ? r.body() : null;
  }
}
