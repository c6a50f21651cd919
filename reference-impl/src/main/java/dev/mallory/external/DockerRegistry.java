package dev.mallory.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The real Debian {@code docker-registry} (distribution 2.8) on a free 127.0.0.1 port, in-memory
 * storage, no auth, deletes enabled. Ready when {@code GET /v2/} answers 200.
 *
 * <p>The Debian package also ships a systemd unit on :5000 with htpasswd auth; we never use it.
 */
public final class DockerRegistry extends LoopbackDaemon {

    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    /** Reason to give when skipping a test because the binary is missing. */
    public static final String NOT_INSTALLED =
            "docker-registry is not installed (" + BINARY + "); run scripts/install-deps.sh as root";

    private DockerRegistry(Path workDir) {
        super("docker-registry", workDir);
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** Starts the registry; its config and logs go to {@code workDir}. */
    public static DockerRegistry start(Path workDir) {
        return startOnFreePort(new DockerRegistry(workDir));
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    @Override
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    List<String> prepareStart() {
        return List.of(BINARY.toString(), "serve", writeConfig().toString());
    }

    /** The registry API's version check, {@code GET /v2/}. */
    @Override
    URI readyUrl() {
        return url().resolve("/v2/");
    }

    private Path writeConfig() {
        Path workDir = workDir();
        // A random http.secret silences the "no secret" warning and is what a real deployment sets.
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String yaml = "version: 0.1\n"
                + "log:\n"
                + "  level: info\n"
                + "storage:\n"
                + "  inmemory: {}\n"
                + "  delete:\n"
                + "    enabled: true\n"
                + "http:\n"
                + "  addr: 127.0.0.1:" + port() + "\n"
                + "  secret: " + HexFormat.of().formatHex(secret) + "\n";
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("docker-registry.yml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write docker-registry config in " + workDir, e);
        }
    }
}
