package dev.mallory.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.attack.Rollback;
import dev.mallory.classify.Naming;
import dev.mallory.external.CommandResult;
import dev.mallory.external.NotaryClient;
import dev.mallory.external.NotaryServer;
import dev.mallory.journal.JournalEntry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Debian {@code notary} client through the proxy to the real {@code notary-server}, both
 * ways: reverse ({@code -s} at the proxy) and forward ({@code HTTPS_PROXY}, a made-up host name,
 * CONNECT, TLS intercepted with the proxy's CA). A replayed older timestamp must be refused.
 */
class NotaryThroughProxyTest {
  private static final String GUN = "example.com/app";

  @TempDir Path dir;

  @BeforeEach
  void requireNotary() {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
  }

  @Test
  void reverse_rollbackOfTimestamp_isRefusedByTheRealClient() throws Exception {
    try (NotaryServer server = NotaryServer.start(Files.createDirectories(dir.resolve("server")));
        AttackerProxy proxy = AttackerProxy.reverse(server.url()).start()) {
      NotaryClient writer = NotaryClient.create(server.url(), dir.resolve("writer"));
      NotaryClient reader = NotaryClient.create(proxy.url(), dir.resolve("reader"));
      scenario(proxy, writer, reader);
    }
  }

  @Test
  void forward_connectWithInterceptedTls_rollbackOfTimestamp_isRefusedByTheRealClient() throws Exception {
    CertificateAuthority serverCa = CertificateAuthority.generate("notary test server CA");
    CertificateAuthority.PemLeaf leaf = serverCa.issuePem("notary.test", "127.0.0.1", "localhost");
    Path tls = Files.createDirectories(dir.resolve("tls"));
    Files.writeString(tls.resolve("server.crt"), leaf.certificatePem());
    Files.writeString(tls.resolve("server.key"), leaf.privateKeyPem());
    Files.writeString(tls.resolve("server-ca.crt"), serverCa.certificatePem());
    try (NotaryServer server = NotaryServer.start(Files.createDirectories(dir.resolve("server")),
            new NotaryServer.Tls(tls.resolve("server.crt"), tls.resolve("server.key")));
        AttackerProxy proxy = AttackerProxy.forward().start()) {
      Path proxyCa = tls.resolve("mallory-ca.pem");
      Files.writeString(proxyCa, proxy.caPem());
      NotaryClient writer = NotaryClient.builder(server.url(), dir.resolve("writer"))
          .tlsCaCert(tls.resolve("server-ca.crt")).build();
      // Go skips HTTPS_PROXY for 127.0.0.1/localhost: a made-up name makes it CONNECT through us.
      NotaryClient reader = NotaryClient.builder(URI.create("https://notary.test:" + server.port()), dir.resolve("reader"))
          .httpsProxy(proxy.url()).tlsCaCert(proxyCa).build();
      scenario(proxy, writer, reader);
      assertThat(proxy.journal().entries()).allMatch(e -> e.host().equals("notary.test:" + server.port()));
    }
  }

  private void scenario(AttackerProxy proxy, NotaryClient writer, NotaryClient reader) throws Exception {
    Path file = Files.writeString(dir.resolve("v1.txt"), "release one\n");
    ok(writer.init(GUN));
    ok(writer.add(GUN, "v1", file));
    ok(writer.publish(GUN));

    ok(reader.list(GUN)); // TOFU through the proxy: timestamp v1 recorded
    assertThat(proxy.journal().byRole("timestamp")).isNotEmpty();
    long first = proxy.recorder().latest(GUN, "timestamp").orElseThrow().version();

    ok(writer.add(GUN, "v2", Files.writeString(dir.resolve("v2.txt"), "release two\n")));
    ok(writer.publish(GUN));
    CommandResult updated = ok(reader.list(GUN)); // the reader now trusts the newer timestamp
    assertThat(updated.stdout()).contains("v2");
    long second = proxy.recorder().latest(GUN, "timestamp").orElseThrow().version();
    assertThat(second).isGreaterThan(first);

    try (AppliedAttack rollback = proxy.apply(new Rollback(GUN, "timestamp", first))) {
      CommandResult attacked = reader.list(GUN);
      assertThat(attacked.exitCode()).as(attacked.toString()).isNotZero();
      assertThat(attacked.stdout()).contains("* fatal:");
      System.out.println("notary under rollback: exit " + attacked.exitCode() + ": " + attacked.stdout().strip());
      List<JournalEntry> fired = proxy.journal().byAttack(rollback.id());
      assertThat(fired).isNotEmpty();
      assertThat(fired.get(0).request().naming()).isEqualTo(Naming.BY_NAME);
      assertThat(fired.get(0).request().repository()).isEqualTo(GUN);
      assertThat(fired.get(0).sentSha256())
          .isEqualTo(proxy.recorder().version(GUN, "timestamp", first).orElseThrow().sha256());
    }
    ok(reader.list(GUN)); // the network is honest again: the client recovers
  }

  private static CommandResult ok(CommandResult r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
