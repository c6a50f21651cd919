package dev.mallory.external;

import java.time.Duration;

/**
 * A started process did not become ready: it exited, or the readiness check did not pass in time.
 * The message carries the tail of its logs, since that is almost always where the reason is
 * (a port already in use, a config key the binary rejects, ...).
 */
public final class ProcessNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the process is not ready. */
    public enum Reason {
        /** The process exited before the readiness check passed. */
        EXITED,
        /** The readiness check did not pass within the timeout; the process was still running. */
        TIMED_OUT
    }

    private final Reason reason;
    private final String processName;
    private final Integer exitCode;
    private final String logTail;

    ProcessNotReadyException(Reason reason, String processName, long pid, Integer exitCode,
                             Duration waited, String logTail) {
        super(message(reason, processName, pid, exitCode, waited, logTail));
        this.reason = reason;
        this.processName = processName;
        this.exitCode = exitCode;
        this.logTail = logTail;
    }

    public Reason reason() {
        return reason;
    }

    public String processName() {
        return processName;
    }

    /** The exit code when {@link #reason()} is {@link Reason#EXITED}, otherwise {@code null}. */
    public Integer exitCode() {
        return exitCode;
    }

    /** The last lines of the process's stdout and stderr logs. */
    public String logTail() {
        return logTail;
    }

    /** It exited because another process had taken its port: worth another start on a new port. */
    public boolean lostItsPort() {
        return reason == Reason.EXITED && logTail.contains("address already in use");
    }

    private static String message(Reason reason, String name, long pid, Integer exitCode, Duration waited, String logTail) {
        String what = reason == Reason.EXITED
                ? "exited with code " + exitCode + " before it was ready"
                : "was not ready after " + waited.toMillis() + " ms";
        return name + " (pid " + pid + ") " + what + "\n--- log tail ---\n" + logTail;
    }
}
