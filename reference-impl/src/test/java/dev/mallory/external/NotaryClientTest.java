package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real notary client against the real notary-server, both on loopback. */
class NotaryClientTest {

    private static final String GUN = "example.com/mallory/client-test";

    @TempDir
    Path dir;

    private NotaryServer server;

    @BeforeEach
    void startServer() {
        assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
        assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
        server = NotaryServer.start(dir.resolve("server"));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void initAddPublishThenAFreshTrustDirListsTheTarget() throws Exception {
        NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
        Path file = write("app-v1", "hello notary v1\n");

        assertOk(publisher.init(GUN));
        assertOk(publisher.add(GUN, "v1", file));
        CommandResult publish = assertOk(publisher.publish(GUN));
        assertThat(publish.stdout()).contains("Successfully published changes for repository " + GUN);

        NotaryClient reader = NotaryClient.create(server.url(), dir.resolve("reader"));
        CommandResult list = assertOk(reader.list(GUN));
        assertThat(list.stdout()).containsPattern("v1\\s+[0-9a-f]{64}\\s+16\\s+targets");
        CommandResult lookup = assertOk(reader.lookup(GUN, "v1"));
        assertThat(lookup.stdout()).matches("v1 sha256:[0-9a-f]{64} 16\\s*");
    }

    @Test
    void verifyAcceptsTheSignedContentAndRefusesOtherBytes() throws Exception {
        NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
        byte[] content = "signed bytes\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("signed"), content);
        assertOk(publisher.init(GUN));
        assertOk(publisher.add(GUN, "v1", file));
        assertOk(publisher.publish(GUN));

        NotaryClient reader = NotaryClient.create(server.url(), dir.resolve("reader"));
        CommandResult good = assertOk(reader.verify(GUN, "v1", content));
        assertThat(good.stdout()).isEqualTo("signed bytes\n");

        CommandResult bad = reader.verify(GUN, "v1", "tampered\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.exitCode()).isEqualTo(1);
        // notary checks the listed hashes in Go map order, so either digest may be the one reported.
        assertThat(bad.stdout()).contains("* fatal:").containsPattern("sha(256|512) checksum for v1 did not match");
    }

    @Test
    void delegationAddThenPublishingATargetIntoTheDelegation() throws Exception {
        NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
        DelegationKey key = DelegationKey.generate(dir.resolve("keys"), "releases");
        assertOk(publisher.init(GUN));
        assertOk(publisher.add(GUN, "v1", write("v1", "top level\n")));
        assertOk(publisher.delegationAdd(GUN, "targets/releases", key.certificateFile()));
        assertOk(publisher.publish(GUN));
        assertThat(assertOk(publisher.run("delegation", "list", GUN)).stdout())
                .contains("targets/releases", "<all paths>");

        assertOk(publisher.keyImport(key.privateKeyFile(), "targets/releases"));
        assertOk(publisher.addToDelegation(GUN, "targets/releases", "rel1", write("rel1", "release 1\n")));
        assertOk(publisher.publish(GUN));

        CommandResult list = assertOk(NotaryClient.create(server.url(), dir.resolve("reader")).list(GUN));
        assertThat(list.stdout())
                .containsPattern("rel1\\s+[0-9a-f]{64}\\s+10\\s+targets/releases")
                .containsPattern("v1\\s+[0-9a-f]{64}\\s+10\\s+targets");
    }

    @Test
    void aDelegationToABarePublicKeyRestrictedToAPath() throws Exception {
        NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
        DelegationKey key = DelegationKey.generate(dir.resolve("keys"), "libs");
        assertOk(publisher.init(GUN));
        assertOk(publisher.delegationAdd(GUN, "targets/libs", key.publicKeyFile(), "lib/"));
        assertOk(publisher.keyImport(key.privateKeyFile(), "targets/libs"));
        assertOk(publisher.addToDelegation(GUN, "targets/libs", "lib/a", write("liba", "a\n")));
        assertOk(publisher.publish(GUN));

        JsonNode targets = new ObjectMapper().readTree(NotaryLab.fetchMetadata(server.url(), GUN, "targets"));
        JsonNode role = targets.at("/signed/delegations/roles/0");
        assertThat(role.get("paths").toString()).isEqualTo("[\"lib/\"]");
        assertThat(targets.at("/signed/delegations/keys/" + role.at("/keyids/0").asText() + "/keytype").asText())
                .isEqualTo("ecdsa");
        assertThat(assertOk(NotaryClient.create(server.url(), dir.resolve("reader")).list(GUN)).stdout())
                .containsPattern("lib/a\\s+[0-9a-f]{64}\\s+2\\s+targets/libs");
    }

    @Test
    void trustPinningAcceptsThePinnedRootAndRefusesAnyOther() throws Exception {
        NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
        assertOk(publisher.init(GUN));
        assertOk(publisher.add(GUN, "v1", write("v1", "pinned\n")));
        assertOk(publisher.publish(GUN));
        String rootKeyId = new ObjectMapper().readTree(NotaryLab.fetchMetadata(server.url(), GUN, "root"))
                .at("/signed/roles/root/keyids/0").asText();

        NotaryClient pinned = NotaryClient.builder(server.url(), dir.resolve("pinned"))
                .trustPinning(TrustPinning.certs(GUN, rootKeyId).withDisableTofu(true)).build();
        assertThat(assertOk(pinned.list(GUN)).stdout()).contains("v1");

        NotaryClient wrongPin = NotaryClient.builder(server.url(), dir.resolve("wrong-pin"))
                .trustPinning(TrustPinning.certs(GUN, "0".repeat(64))).build();
        CommandResult refused = wrongPin.list(GUN);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).contains("unable to match any certificates to trust_pinning config");

        NotaryClient noTofu = NotaryClient.builder(server.url(), dir.resolve("no-tofu"))
                .trustPinning(TrustPinning.tofu().withDisableTofu(true)).build();
        assertThat(noTofu.list(GUN).stdout()).contains("invalid trust pinning specified");
    }

    @Test
    void keyRotationOfSnapshotToTheServerAndOfRootKeepsReadersWorking() throws Exception {
        NotaryClient publisher = NotaryClient.create(server.url(), dir.resolve("publisher"));
        assertOk(publisher.init(GUN));
        assertOk(publisher.add(GUN, "v1", write("v1", "rotate\n")));
        assertOk(publisher.publish(GUN));
        NotaryClient reader = NotaryClient.create(server.url(), dir.resolve("reader"));
        assertOk(reader.list(GUN));
        ObjectMapper json = new ObjectMapper();
        long rootVersion = json.readTree(NotaryLab.fetchMetadata(server.url(), GUN, "root")).at("/signed/version").asLong();

        assertThat(assertOk(publisher.keyRotate(GUN, "snapshot", true)).stdout())
                .contains("Successfully rotated snapshot key");
        assertThat(json.readTree(NotaryLab.fetchMetadata(server.url(), GUN, "snapshot")).at("/signatures/0/method").asText())
                .as("the server now signs snapshot with its ED25519 key").isEqualTo("eddsa");

        assertThat(assertOk(publisher.keyRotate(GUN, "root", false)).stdout()).contains("Successfully rotated root key");
        JsonNode root = json.readTree(NotaryLab.fetchMetadata(server.url(), GUN, "root"));
        assertThat(root.at("/signed/version").asLong()).isGreaterThan(rootVersion);
        assertThat(root.get("signatures")).as("new root is signed by the old and the new root key").hasSize(2);

        assertThat(assertOk(reader.list(GUN)).stdout()).as("cached reader follows the rotation").contains("v1");
        assertThat(assertOk(NotaryClient.create(server.url(), dir.resolve("fresh")).list(GUN)).stdout()).contains("v1");
    }

    @Test
    void overTlsTheClientNeedsTheCa() throws Exception {
        NotaryServer.Tls tls = SelfSignedTls.generate(dir.resolve("tls"));
        try (NotaryServer tlsServer = NotaryServer.start(dir.resolve("tls-server"), tls)) {
            NotaryClient withCa = NotaryClient.builder(tlsServer.url(), dir.resolve("with-ca"))
                    .tlsCaCert(tls.certFile()).build();
            assertOk(withCa.init(GUN));
            assertOk(withCa.add(GUN, "v1", write("v1", "over tls\n")));
            assertOk(withCa.publish(GUN));
            assertThat(assertOk(withCa.list(GUN)).stdout()).contains("v1");

            CommandResult withoutCa = NotaryClient.create(tlsServer.url(), dir.resolve("without-ca")).list(GUN);
            assertThat(withoutCa.exitCode()).isEqualTo(1);
            assertThat(withoutCa.stdout()).contains("* fatal: client is offline");
            assertThat(withoutCa.stderr()).contains("x509");
        }
    }

    @Test
    void aServerThatNeverAnswersIsCutOffByTheCommandTimeout() throws Exception {
        // Accepts connections and never says a word: the Go client has no timeout of its own here.
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, FreePort.LOOPBACK)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException closed) {
                    // socket closed: test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            NotaryClient client = NotaryClient.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    dir.resolve("stalled")).timeout(Duration.ofSeconds(2)).build();

            CommandResult result = client.list(GUN);

            assertThat(result.timedOut()).as("%s", result).isTrue();
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static CommandResult assertOk(CommandResult result) {
        assertThat(result.ok()).as("%s", result).isTrue();
        return result;
    }
}
