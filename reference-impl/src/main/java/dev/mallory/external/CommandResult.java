package dev.mallory.external;

import java.time.Duration;

/**
 * What a short-lived command did: exit code, captured output (each stream bounded, see
 * {@link CommandRunner#DEFAULT_MAX_OUTPUT_BYTES}), how long it ran, and whether we had to kill it
 * because it ran past its timeout (then {@code exitCode} is whatever the kill produced, 137 for SIGKILL).
 */
public record CommandResult(int exitCode, String stdout, String stderr, Duration elapsed, boolean timedOut) {

    /** Exit code 0 and finished on its own. */
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** stdout followed by stderr, for assertions that do not care where a message went. */
    public String output() {
        return stdout + stderr;
    }

    /** A short description for assertion messages: output clipped so a flood does not swamp the report. */
    @Override
    public String toString() {
        return "CommandResult[exit=" + exitCode + (timedOut ? ", TIMED OUT" : "") + ", " + elapsed.toMillis() + " ms"
                + "\n--- stdout ---\n" + clip(stdout) + "\n--- stderr ---\n" + clip(stderr) + "]";
    }

    private static String clip(String text) {
        int max = 4000;
        return text.length() <= max ? text : text.substring(0, max) + "... (" + (text.length() - max) + " more chars)";
    }
}
