package dev.mallory.external;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived command (a CLI client call) with a timeout and bounded output capture.
 *
 * <p>The programs we run may be under attack or hostile themselves, so: every run has a timeout,
 * after which the command and its descendants are SIGKILLed by pid; stdout and stderr are each
 * kept up to a limit and the rest is read and thrown away (reading on keeps a flooding program
 * from blocking on a full pipe, so it finishes or times out instead of hanging); stdin is written
 * from its own thread and then closed, so a program that prompts gets EOF instead of waiting forever.
 */
public final class CommandRunner {

    /** Default cap on captured stdout and on captured stderr (each). */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;

    /** After the command exits, how long we still wait for its output pipes to reach EOF. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private CommandRunner() {
    }

    public static CommandResult run(List<String> command, Duration timeout) {
        return run(command, null, Map.of(), null, timeout);
    }

    /**
     * @param workDir working directory, or null for this JVM's
     * @param env     applied on top of this JVM's environment; a {@code null} value removes a variable
     * @param stdin   bytes for the command's stdin, or null for none (stdin is closed at once)
     */
    public static CommandResult run(List<String> command, Path workDir, Map<String, String> env,
                                    byte[] stdin, Duration timeout) {
        return run(command, workDir, env, stdin, timeout, DEFAULT_MAX_OUTPUT_BYTES);
    }

    public static CommandResult run(List<String> command, Path workDir, Map<String, String> env,
                                    byte[] stdin, Duration timeout, int maxOutputBytes) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        ProcessEnv.apply(builder.environment(), env);

        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        ProcessTree.own(process.toHandle());
        try {
            BoundedSink out = new BoundedSink(maxOutputBytes);
            BoundedSink err = new BoundedSink(maxOutputBytes);
            Thread outReader = daemon("stdout", () -> out.drain(process.getInputStream()));
            Thread errReader = daemon("stderr", () -> err.drain(process.getErrorStream()));
            Thread stdinWriter = daemon("stdin", () -> feed(process.getOutputStream(), stdin));

            boolean timedOut = !waitFor(process, timeout);
            if (timedOut) {
                ProcessTree.killNow(process.toHandle());
            }
            int exitCode = waitForExit(process);
            // A descendant that outlived the command may still hold the pipes open; do not wait forever.
            long drainMillis = DRAIN_GRACE.toMillis();
            join(outReader, drainMillis);
            join(errReader, drainMillis);
            stdinWriter.interrupt();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new CommandResult(exitCode, out.text(), err.text(), elapsed, timedOut);
        } finally {
            if (process.isAlive()) {
                ProcessTree.killNow(process.toHandle());
            }
            ProcessTree.disown(process.toHandle());
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // treated as a timeout: the command is killed
        }
    }

    private static int waitForExit(Process process) {
        try {
            // After SIGKILL this returns at once; the bound only guards against the impossible.
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            if (bytes != null) {
                stdin.write(bytes);
            }
        } catch (IOException e) {
            // The command exited or closed stdin without reading everything: that is its business.
        }
    }

    private static Thread daemon(String what, Runnable body) {
        Thread thread = new Thread(body, "command-runner-" + what);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the first {@code limit} bytes of a stream and discards the rest. */
    private static final class BoundedSink {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        BoundedSink(int limit) {
            this.limit = limit;
        }

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = limit - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // Stream closed under us (process killed): keep what we have.
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
