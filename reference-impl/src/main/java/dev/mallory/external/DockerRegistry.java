package dev.mallory.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The real Debian {@code docker-registry} (distribution 2.8) on a free 127.0.0.1 port, in-memory
 * storage, no auth, deletes enabled. Ready when {@code GET /v2/} answers 200.
 *
 * <p>The Debian package also ships a systemd unit on :5000 with htpasswd auth; we never use it.
 */
public final class DockerRegistry implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    /** Reason to give when skipping a test because the binary is missing. */
    public static final String NOT_INSTALLED =
            "docker-registry is not installed (" + BINARY + "); run scripts/install-deps.sh as root";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;

    private final Path workDir;
    private final int port;
    private final ManagedProcess process;
    private final Duration startupTime;

    private DockerRegistry(Path workDir, int port, ManagedProcess process, Duration startupTime) {
        this.workDir = workDir;
        this.port = port;
        this.process = process;
        this.startupTime = startupTime;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** Starts the registry; its config and logs go to {@code workDir}. */
    public static DockerRegistry start(Path workDir) {
        int[] attempt = {0};
        return FreePort.startOnFreePort(START_ATTEMPTS, port -> {
            Path config = writeConfig(workDir, port);
            long start = System.nanoTime();
            ManagedProcess process = ManagedProcess.start("docker-registry-" + ++attempt[0],
                    List.of(BINARY.toString(), "serve", config.toString()),
                    workDir, Map.of(), workDir.resolve("logs"));
            try {
                URI ping = URI.create("http://127.0.0.1:" + port + "/v2/");
                process.waitUntil(() -> LoopbackHttp.isOk(ping), READY_TIMEOUT);
                return new DockerRegistry(workDir, port, process, Duration.ofNanos(System.nanoTime() - start));
            } catch (ProcessNotReadyException e) {
                process.close();
                throw e;
            }
        });
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Duration startupTime() {
        return startupTime;
    }

    public ManagedProcess process() {
        return process;
    }

    public Path workDir() {
        return workDir;
    }

    /** SIGKILL now, as a crash would. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "DockerRegistry[" + url() + ", " + process + "]";
    }

    private static Path writeConfig(Path workDir, int port) {
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
                + "  addr: 127.0.0.1:" + port + "\n"
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
