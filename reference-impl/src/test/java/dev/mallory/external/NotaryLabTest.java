package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the fixture's bytes are the real, linked Notary metadata other tests rely on. */
class NotaryLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void publishesASampleWithADelegationAndReturnsTheServedBytes() throws Exception {
        assumeTrue(NotaryServer.isInstalled() && NotaryClient.isInstalled(), NotaryLab.NOT_INSTALLED);
        try (NotaryServer server = NotaryServer.start(dir.resolve("server"))) {
            long start = System.nanoTime();
            NotaryLab.Sample sample = NotaryLab.publishSample(server, dir.resolve("lab"));
            System.out.printf("NotaryLab sample published and fetched in %d ms%n", (System.nanoTime() - start) / 1_000_000);

            assertThat(sample.metadata()).containsOnlyKeys(NotaryLab.ROLES);
            JsonNode root = JSON.readTree(sample.root());
            JsonNode targets = JSON.readTree(sample.targets());
            JsonNode snapshot = JSON.readTree(sample.snapshot());
            JsonNode timestamp = JSON.readTree(sample.timestamp());
            JsonNode releases = JSON.readTree(sample.releases());

            // Notary's capitalised _type values.
            assertThat(root.at("/signed/_type").asText()).isEqualTo("Root");
            assertThat(targets.at("/signed/_type").asText()).isEqualTo("Targets");
            assertThat(snapshot.at("/signed/_type").asText()).isEqualTo("Snapshot");
            assertThat(timestamp.at("/signed/_type").asText()).isEqualTo("Timestamp");
            assertThat(releases.at("/signed/_type").asText()).isEqualTo("Targets");

            // Root key is a certificate; the server's timestamp key is ED25519 (local signer).
            String rootKeyId = root.at("/signed/roles/root/keyids/0").asText();
            assertThat(root.at("/signed/keys/" + rootKeyId + "/keytype").asText()).isEqualTo("ecdsa-x509");
            assertThat(timestamp.at("/signatures/0/method").asText()).isEqualTo("eddsa");

            // The delegation and its target.
            JsonNode delegation = targets.at("/signed/delegations/roles/0");
            assertThat(delegation.get("name").asText()).isEqualTo(NotaryLab.DELEGATION);
            assertThat(delegation.get("paths").get(0).asText()).isEmpty(); // --all-paths is stored as [""]
            String delegationKeyId = delegation.at("/keyids/0").asText();
            assertThat(targets.at("/signed/delegations/keys/" + delegationKeyId + "/keytype").asText()).isEqualTo("ecdsa-x509");
            assertThat(releases.at("/signatures/0/keyid").asText()).isEqualTo(delegationKeyId);
            assertThat(targets.at("/signed/targets/" + NotaryLab.TOP_TARGET + "/hashes/sha256").asText())
                    .isEqualTo(sha256(sample.targetContents().get(NotaryLab.TOP_TARGET)));
            assertThat(releases.at("/signed/targets/" + NotaryLab.DELEGATED_TARGET + "/hashes/sha256").asText())
                    .isEqualTo(sha256(sample.targetContents().get(NotaryLab.DELEGATED_TARGET)));

            // The bytes are the ones the chain of hashes describes: timestamp -> snapshot -> each role.
            assertThat(timestamp.at("/signed/meta/snapshot/hashes/sha256").asText()).isEqualTo(sha256(sample.snapshot()));
            assertThat(timestamp.at("/signed/meta/snapshot/length").asLong()).isEqualTo(sample.snapshot().length);
            for (String role : new String[] {"root", "targets", NotaryLab.DELEGATION}) {
                JsonNode meta = snapshot.at("/signed/meta").get(role);
                assertThat(meta).as("snapshot meta for %s", role).isNotNull();
                assertThat(meta.at("/hashes/sha256").asText()).as(role).isEqualTo(sha256(sample.metadata().get(role)));
                assertThat(meta.at("/length").asLong()).as(role).isEqualTo(sample.metadata().get(role).length);
            }

            // And a reader that trusts on first use agrees.
            CommandResult list = NotaryClient.create(server.url(), dir.resolve("reader")).list(NotaryLab.GUN);
            assertThat(list.ok()).as("%s", list).isTrue();
            assertThat(list.stdout()).contains(NotaryLab.TOP_TARGET, NotaryLab.DELEGATED_TARGET, NotaryLab.DELEGATION);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
