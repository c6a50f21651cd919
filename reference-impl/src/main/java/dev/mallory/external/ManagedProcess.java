package dev.mallory.external;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

/**
 * A long-running program (a server) that we started and that we alone stop, by pid.
 *
 * <p>Its stdout and stderr go to {@code <logDir>/<name>.out.log} and {@code <name>.err.log} (files,
 * not pipes: a chatty server must never block on a pipe nobody reads). Stdin is /dev/null.
 *
 * <p>{@link #close()} is the polite stop (SIGTERM to the process and its descendants, a few
 * seconds' grace, then SIGKILL); {@link #kill()} is the crash (SIGKILL at once) that crash and
 * restart tests need. Both are idempotent.
 */
public final class ManagedProcess implements AutoCloseable {

    /** How long {@link #close()} waits after SIGTERM before it sends SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private static final int LOG_TAIL_BYTES = 4096;

    /** How much of stderr to scan for the start of a crash report, and how much of it to show. */
    private static final int CRASH_SCAN_BYTES = 1 << 20;
    private static final int CRASH_HEAD_BYTES = 2048;

    /**
     * Lines that open a crash report: a Go runtime panic or fatal error (whose goroutine dump can
     * run to hundreds of KB, pushing its cause out of any tail), a JVM's uncaught exception.
     */
    private static final java.util.regex.Pattern CRASH_START =
            java.util.regex.Pattern.compile("(?m)^(panic: |fatal error: |Exception in thread \")");

    private final String name;
    private final List<String> command;
    private final Process process;
    private final Path stdoutLog;
    private final Path stderrLog;

    private ManagedProcess(String name, List<String> command, Process process, Path stdoutLog, Path stderrLog) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.stdoutLog = stdoutLog;
        this.stderrLog = stderrLog;
    }

    /**
     * Starts {@code command} in {@code workDir}.
     *
     * @param name    a short name, used for the log file names and in error messages
     * @param env     applied on top of this JVM's environment; a {@code null} value removes a variable
     * @param logDir  where the two log files go (created if missing); existing logs are appended to
     */
    public static ManagedProcess start(String name, List<String> command, Path workDir,
                                       Map<String, String> env, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path out = logDir.resolve(name + ".out.log");
            Path err = logDir.resolve(name + ".err.log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            ProcessEnv.apply(builder.environment(), env);
            Process process = builder.start();
            ProcessTree.own(process.toHandle());
            return new ManagedProcess(name, List.copyOf(command), process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has exited. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public Path stdoutLog() {
        return stdoutLog;
    }

    public Path stderrLog() {
        return stderrLog;
    }

    /**
     * Polls {@code ready} until it returns true. Fails with {@link ProcessNotReadyException} (carrying
     * the log tail) as soon as the process exits, or when {@code timeout} passes. The check itself
     * should use short timeouts of its own (see {@link LoopbackHttp}); exceptions it throws count as
     * "not ready yet". Does not stop the process on failure: the caller owns it and closes it.
     *
     * @return this, for chaining after {@link #start}
     */
    public ManagedProcess waitUntil(BooleanSupplier ready, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = 5;
        while (true) {
            if (!process.isAlive()) {
                throw notReady(ProcessNotReadyException.Reason.EXITED, start);
            }
            if (check(ready)) {
                return this;
            }
            if (System.nanoTime() >= deadline) {
                throw notReady(ProcessNotReadyException.Reason.TIMED_OUT, start);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notReady(ProcessNotReadyException.Reason.TIMED_OUT, start);
            }
            pause = Math.min(pause * 2, 50); // servers here are ready in ~20 ms: poll fast at first
        }
    }

    /**
     * The last few KB of stdout and stderr, for error messages; when stderr holds a crash report
     * whose first lines the tail would miss, those lines too.
     */
    public String logTail() {
        String errTail = tail(stderrLog);
        String head = crashHead(stderrLog);
        return "[" + stdoutLog.getFileName() + "]\n" + tail(stdoutLog)
                + (head.isEmpty() || errTail.contains(head) ? "" : "\n[" + stderrLog.getFileName() + ", crash report]\n" + head + "...")
                + "\n[" + stderrLog.getFileName() + "]\n" + errTail;
    }

    /** SIGKILL to the process and its descendants now, as a crash would. Waits until it is gone. */
    public void kill() {
        ProcessTree.killNow(process.toHandle());
    }

    /** SIGTERM, up to {@link #STOP_GRACE} to exit, then SIGKILL. Waits until it is gone. */
    @Override
    public void close() {
        stop(STOP_GRACE);
    }

    /** SIGTERM to the process and its descendants, up to {@code grace} to exit, then SIGKILL. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            ProcessTree.terminate(process.toHandle(), grace);
        }
        ProcessTree.disown(process.toHandle());
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + (isAlive() ? ", running)" : ", exited " + process.exitValue() + ")");
    }

    private static boolean check(BooleanSupplier ready) {
        try {
            return ready.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private ProcessNotReadyException notReady(ProcessNotReadyException.Reason reason, long startNanos) {
        Integer exit = null;
        if (reason == ProcessNotReadyException.Reason.EXITED) {
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new ProcessNotReadyException(reason, name, pid(), exit,
                Duration.ofNanos(System.nanoTime() - startNanos), logTail());
    }

    /** The first lines of the first crash report in the last MB of {@code file}, or "". */
    static String crashHead(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, raf.length() - CRASH_SCAN_BYTES);
            byte[] bytes = new byte[(int) (raf.length() - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            java.util.regex.Matcher m = CRASH_START.matcher(text);
            return m.find() ? text.substring(m.start(), Math.min(text.length(), m.start() + CRASH_HEAD_BYTES)) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            return (from > 0 ? "..." : "") + new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
