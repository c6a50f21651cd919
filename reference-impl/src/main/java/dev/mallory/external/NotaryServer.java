package dev.mallory.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real Debian {@code notary-server} on a free 127.0.0.1 port: memory storage, the in-process
 * ("local") signer, plain HTTP or TLS.
 *
 * <p>Memory storage means every start begins empty; {@link #restart()} therefore gives an empty
 * server on the same URL (what a crashed, state-losing server looks like to a client). The local
 * signer always makes ED25519 timestamp and snapshot keys.
 *
 * <p>Typical use:
 * <pre>{@code
 * assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
 * try (NotaryServer server = NotaryServer.start(tempDir)) { ... server.url() ... }
 * }</pre>
 */
public final class NotaryServer extends LoopbackDaemon {

    public static final Path BINARY = Path.of("/usr/bin/notary-server");

    /** Reason to give when skipping a test because the binary is missing. */
    public static final String NOT_INSTALLED =
            "notary-server is not installed (" + BINARY + "); run scripts/install-deps.sh as root";

    /** Health path; answers 200 {@code {}} once the server listens. */
    public static final String HEALTH_PATH = "/_notary_server/health";

    /** Certificate and key (PEM files) for a TLS server. */
    public record Tls(Path certFile, Path keyFile) {
    }

    private final Tls tls;
    private Path configFile;

    private NotaryServer(Path workDir, Tls tls) {
        super("notary-server", workDir);
        this.tls = tls;
    }

    /** True when the binary is there, so tests can skip with {@link #NOT_INSTALLED} otherwise. */
    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a plain-HTTP server; config and logs go to {@code workDir}. */
    public static NotaryServer start(Path workDir) {
        return start(workDir, null);
    }

    /** Starts a server that speaks TLS with the given certificate and key ({@code null}: plain HTTP). */
    public static NotaryServer start(Path workDir, Tls tls) {
        return startOnFreePort(new NotaryServer(workDir, tls));
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://...}; no trailing slash. */
    @Override
    public URI url() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port());
    }

    public Path configFile() {
        return configFile;
    }

    /**
     * Stops the server (if it still runs) and starts it again on the same port with the same
     * config. Memory storage: the new server holds no repositories.
     */
    public void restart() {
        process().close();
        launch();
    }

    @Override
    List<String> prepareStart() {
        configFile = writeConfig();
        return List.of(BINARY.toString(), "-config", configFile.toString(), "-logf", "json");
    }

    @Override
    URI readyUrl() {
        return url().resolve(HEALTH_PATH);
    }

    private Path writeConfig() {
        Path workDir = workDir();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("http_addr", "127.0.0.1:" + port());
        if (tls != null) {
            // Without these two keys notary-server speaks plain HTTP.
            server.put("tls_cert_file", tls.certFile().toAbsolutePath().toString());
            server.put("tls_key_file", tls.keyFile().toAbsolutePath().toString());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("server", server);
        config.put("trust_service", Map.of("type", "local"));
        config.put("storage", Map.of("backend", "memory"));
        config.put("logging", Map.of("level", "info"));
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("notary-server.json");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write notary-server config in " + workDir, e);
        }
    }
}
