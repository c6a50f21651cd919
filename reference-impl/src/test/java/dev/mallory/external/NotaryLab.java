package dev.mallory.external;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: a sample Notary repository published by the real {@code notary} client to a real
 * {@code notary-server}, and the raw bytes of its metadata as the server serves them.
 *
 * <p>The repository {@link #GUN} has a target {@link #TOP_TARGET} signed by the top-level targets
 * role and a delegation {@link #DELEGATION} (all paths, an {@code ecdsa-x509} key from a
 * certificate) holding {@link #DELEGATED_TARGET}. Root, targets and snapshot keys are the client's
 * (ECDSA, root as a self-signed certificate); timestamp is signed by the server (ED25519).
 *
 * <p>Everything is generated at run time: nothing signed is committed, so nothing can expire.
 * Other modules use this through reference-impl's test-jar to check Mallory's Notary dialect
 * against bytes the real implementation produced.
 *
 * <pre>{@code
 * assumeTrue(NotaryServer.isInstalled() && NotaryClient.isInstalled(), NotaryLab.NOT_INSTALLED);
 * try (NotaryServer server = NotaryServer.start(tmp.resolve("server"))) {
 *     NotaryLab.Sample sample = NotaryLab.publishSample(server, tmp.resolve("lab"));
 *     byte[] root = sample.root();
 * }
 * }</pre>
 */
public final class NotaryLab {

    public static final String NOT_INSTALLED = "notary-server and the notary client are needed: "
            + "run scripts/install-deps.sh as root";

    public static final String GUN = "example.com/mallory/lab";
    public static final String DELEGATION = "targets/releases";
    public static final String TOP_TARGET = "v1";
    public static final String DELEGATED_TARGET = "rel1";

    /** Every role of the sample, in the order a client trusts them. */
    public static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets", DELEGATION);

    /** Metadata larger than this is not Notary metadata we published. */
    private static final int MAX_METADATA_BYTES = 1 << 20;

    /**
     * The published sample.
     *
     * @param metadata       role name (e.g. {@code "targets/releases"}) to the exact bytes the server served
     * @param targetContents target name to its content (what the signed hashes and lengths describe)
     * @param client         the publishing client (its trust dir holds the private keys)
     * @param delegationKey  the delegation's key files
     */
    public record Sample(URI server, String gun, Map<String, byte[]> metadata, Map<String, byte[]> targetContents,
                         NotaryClient client, DelegationKey delegationKey) {

        public byte[] root() {
            return metadata.get("root");
        }

        public byte[] targets() {
            return metadata.get("targets");
        }

        public byte[] snapshot() {
            return metadata.get("snapshot");
        }

        public byte[] timestamp() {
            return metadata.get("timestamp");
        }

        /** {@code targets/releases.json}. */
        public byte[] releases() {
            return metadata.get(DELEGATION);
        }
    }

    private NotaryLab() {
    }

    /**
     * Publishes the sample to {@code server} with the real client and fetches its metadata.
     * {@code workDir} receives the publisher's trust directory, the delegation key and the target files.
     *
     * @throws IllegalStateException with the client's output when a client command fails
     */
    public static Sample publishSample(NotaryServer server, Path workDir) throws java.io.IOException {
        Files.createDirectories(workDir);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        contents.put(TOP_TARGET, "hello from the mallory notary lab, v1\n".getBytes(StandardCharsets.UTF_8));
        contents.put(DELEGATED_TARGET, "release 1 of the mallory notary lab\n".getBytes(StandardCharsets.UTF_8));
        Path topFile = Files.write(workDir.resolve("target-" + TOP_TARGET), contents.get(TOP_TARGET));
        Path delegatedFile = Files.write(workDir.resolve("target-" + DELEGATED_TARGET), contents.get(DELEGATED_TARGET));

        NotaryClient publisher = NotaryClient.create(server.url(), workDir.resolve("publisher-trust"));
        DelegationKey releasesKey = DelegationKey.generate(workDir.resolve("keys"), "releases");

        // First publish: root, targets (v1 + the delegation) and snapshot, signed by the client.
        expectOk("init", publisher.init(GUN));
        expectOk("add", publisher.add(GUN, TOP_TARGET, topFile));
        expectOk("delegation add", publisher.delegationAdd(GUN, DELEGATION, releasesKey.certificateFile()));
        expectOk("publish", publisher.publish(GUN));
        // Second publish: the delegated role's own metadata, signed with the imported delegation key.
        expectOk("key import", publisher.keyImport(releasesKey.privateKeyFile(), DELEGATION));
        expectOk("add --roles", publisher.addToDelegation(GUN, DELEGATION, DELEGATED_TARGET, delegatedFile));
        expectOk("publish", publisher.publish(GUN));

        Map<String, byte[]> metadata = new LinkedHashMap<>();
        for (String role : ROLES) {
            metadata.put(role, fetchMetadata(server.url(), GUN, role));
        }
        return new Sample(server.url(), GUN, Map.copyOf(metadata), Map.copyOf(contents), publisher, releasesKey);
    }

    /** GET {@code /v2/<gun>/_trust/tuf/<role>.json}: the current version's bytes, exactly as served. */
    public static byte[] fetchMetadata(URI server, String gun, String role) {
        URI uri = server.resolve("/v2/" + gun + "/_trust/tuf/" + role + ".json");
        LoopbackHttp.Response response = LoopbackHttp.get(uri, MAX_METADATA_BYTES + 1);
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + uri + " -> " + response.status() + ": " + response.bodyText());
        }
        if (response.body().length > MAX_METADATA_BYTES) {
            throw new IllegalStateException("GET " + uri + ": more than " + MAX_METADATA_BYTES + " bytes");
        }
        return response.body();
    }

    private static void expectOk(String step, CommandResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("notary " + step + " failed: " + result);
        }
    }
}
