package dev.mallory.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
public final class NotaryServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/notary-server");

    /** Reason to give when skipping a test because the binary is missing. */
    public static final String NOT_INSTALLED =
            "notary-server is not installed (" + BINARY + "); run scripts/install-deps.sh as root";

    /** Health path; answers 200 {@code {}} once the server listens. */
    public static final String HEALTH_PATH = "/_notary_server/health";

    /** Ready in 10-50 ms on this machine; the margin is for a loaded CI box. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    /** Retries with a fresh port, in case another process took ours between FreePort and bind. */
    private static final int START_ATTEMPTS = 3;

    /** Certificate and key (PEM files) for a TLS server. */
    public record Tls(Path certFile, Path keyFile) {
    }

    private final Path workDir;
    private final Tls tls;
    private int port;
    private Path configFile;
    private ManagedProcess process;
    private Duration startupTime;
    private int starts;

    private NotaryServer(Path workDir, Tls tls) {
        this.workDir = workDir;
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
        NotaryServer server = new NotaryServer(workDir, tls);
        return FreePort.startOnFreePort(START_ATTEMPTS, port -> {
            server.port = port;
            try {
                server.launch();
                return server;
            } catch (ProcessNotReadyException e) {
                server.close();
                throw e;
            }
        });
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://...}; no trailing slash. */
    public URI url() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The pid of the current server process (it changes on {@link #restart()}). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** From exec to the first 200 on the health path, for the latest start. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The running process, for its logs ({@link ManagedProcess#logTail()}). */
    public ManagedProcess process() {
        return process;
    }

    public Path configFile() {
        return configFile;
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Stops the server (if it still runs) and starts it again on the same port with the same
     * config. Memory storage: the new server holds no repositories.
     */
    public void restart() {
        process.close();
        launch();
    }

    /** SIGKILL now, as a crash would. {@link #restart()} brings it back. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM (then SIGKILL after a grace period) by pid; waits until it is gone. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "NotaryServer[" + url() + ", " + process + "]";
    }

    private void launch() {
        starts++;
        configFile = writeConfig();
        long start = System.nanoTime();
        process = ManagedProcess.start("notary-server-" + starts,
                List.of(BINARY.toString(), "-config", configFile.toString(), "-logf", "json"),
                workDir, Map.of(), workDir.resolve("logs"));
        URI health = url().resolve(HEALTH_PATH);
        process.waitUntil(() -> LoopbackHttp.isOk(health), READY_TIMEOUT);
        startupTime = Duration.ofNanos(System.nanoTime() - start);
    }

    private Path writeConfig() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("http_addr", "127.0.0.1:" + port);
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
