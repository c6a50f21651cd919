package dev.mallory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.external.CommandResult;
import dev.mallory.external.DelegationKey;
import dev.mallory.external.NotaryClient;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Debian notary client (0.7.0) publishes to and reads from the reference server. */
class RealNotaryClientTest {
  private static final String GUN = "example.com/app";

  @TempDir Path dir;

  @Test
  void fullNotaryWorkflowAgainstReferenceServer() throws Exception {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    MetadataStore store = MetadataStore.open(dir.resolve("data"));
    try (MalloryServer server =
        MalloryServer.start(ServerConfig.defaults(), store, LocalSigningService.open(dir.resolve("keys")), Clock.systemUTC())) {
      NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("trust"));
      Path v1 = Files.writeString(dir.resolve("v1.txt"), "hello notary v1\n");

      ok(publisher.init(GUN));
      ok(publisher.add(GUN, "v1", v1));
      ok(publisher.publish(GUN));
      assertThat(ok(publisher.list(GUN)).stdout()).contains("v1").contains("targets");
      assertThat(ok(publisher.lookup(GUN, "v1")).stdout()).contains("sha256:");
      ok(publisher.verify(GUN, "v1", Files.readAllBytes(v1)));
      assertThat(publisher.verify(GUN, "v1", "tampered\n".getBytes(StandardCharsets.UTF_8)).ok()).isFalse();

      ok(publisher.keyRotate(GUN, "snapshot", true));
      ok(publisher.keyRotate(GUN, "timestamp", true));

      DelegationKey deleg = DelegationKey.generate(dir.resolve("deleg"), "releases");
      ok(publisher.delegationAdd(GUN, "targets/releases", deleg.certificateFile()));
      ok(publisher.publish(GUN));
      ok(publisher.keyImport(deleg.privateKeyFile(), "targets/releases"));
      Path rel1 = Files.writeString(dir.resolve("rel1.txt"), "release 1\n");
      ok(publisher.addToDelegation(GUN, "targets/releases", "rel1", rel1));
      ok(publisher.publish(GUN));
      String listed = ok(publisher.list(GUN)).stdout();
      assertThat(listed).contains("v1").contains("rel1").contains("targets/releases");

      NotaryClient reader = NotaryClient.create(server.url(), dir.resolve("trust-reader"));
      String fresh = ok(reader.list(GUN)).stdout();
      assertThat(fresh).contains("v1").contains("rel1").contains("targets/releases");
      assertThat(targetLines(fresh)).isEqualTo(targetLines(listed));
    }
  }

  private static String targetLines(String table) {
    return table.lines().filter(l -> l.startsWith("v1") || l.startsWith("rel1")).sorted().reduce("", (a, b) -> a + b + "\n");
  }

  private static CommandResult ok(CommandResult r) {
    assertThat(r.ok()).as(r.toString()).isTrue();
    return r;
  }
}
