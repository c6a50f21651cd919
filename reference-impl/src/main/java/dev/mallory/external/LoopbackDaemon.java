package dev.mallory.external;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real daemon this package runs as a child process on a free 127.0.0.1 port
 * ({@link DockerRegistry}, {@link NotaryServer}): config and logs in its work dir, ready once a URL
 * answers 200, stopped by pid.
 *
 * <p>Why a common base: the two differ only in their config, command line and readiness URL. The
 * start on a free port (retried when another process took the port), the launch-and-wait, and the
 * handles on the current process are one piece of logic, kept here once.
 */
abstract sealed class LoopbackDaemon implements AutoCloseable permits DockerRegistry, NotaryServer {

    /** Ready in 10-50 ms on this machine; the margin is for a loaded CI box. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    /** Retries with a fresh port, in case another process took ours between FreePort and bind. */
    private static final int START_ATTEMPTS = 3;

    private final String program;
    private final Path workDir;
    private int port;
    private ManagedProcess process;
    private Duration startupTime;
    private int starts;

    /** {@code program} names the process and its logs: {@code program-1}, {@code program-2}, ... */
    LoopbackDaemon(String program, Path workDir) {
        this.program = program;
        this.workDir = workDir;
    }

    /**
     * Launches {@code daemon} on a free port (see {@link FreePort#startOnFreePort}); a launch that
     * does not become ready is stopped before the failure is thrown.
     */
    static <T extends LoopbackDaemon> T startOnFreePort(T daemon) {
        LoopbackDaemon base = daemon; // its private fields are not reachable through T
        return FreePort.startOnFreePort(START_ATTEMPTS, port -> {
            base.port = port;
            try {
                base.launch();
                return daemon;
            } catch (ProcessNotReadyException e) {
                base.close();
                throw e;
            }
        });
    }

    /** Writes the config for a start on {@link #port()} and returns the command line that serves it. */
    abstract List<String> prepareStart();

    /** The URL that answers 200 once the daemon serves. */
    abstract URI readyUrl();

    /** {@code http://127.0.0.1:PORT} (or {@code https}), no trailing slash. */
    public abstract URI url();

    /** Starts the command from {@link #prepareStart()} and waits until {@link #readyUrl()} answers 200. */
    final void launch() {
        List<String> command = prepareStart();
        long start = System.nanoTime();
        process = ManagedProcess.start(program + "-" + ++starts, command, workDir, Map.of(), workDir.resolve("logs"));
        URI ready = readyUrl();
        process.waitUntil(() -> LoopbackHttp.isOk(ready), READY_TIMEOUT);
        startupTime = Duration.ofNanos(System.nanoTime() - start);
    }

    public int port() {
        return port;
    }

    /** The pid of the current process (a restart, where there is one, changes it). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** From exec to the first 200 on the readiness URL, for the latest start. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The current process, for its logs ({@link ManagedProcess#logTail()}). */
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

    /** SIGTERM (then SIGKILL after a grace period) by pid; waits until it is gone. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + url() + ", " + process + "]";
    }
}
