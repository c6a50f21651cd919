package dev.mallory.external;

import java.util.Map;

/** How the environment given to {@link ManagedProcess} and {@link CommandRunner} is applied. */
final class ProcessEnv {

    private ProcessEnv() {
    }

    /**
     * Applies {@code overrides} on top of the inherited environment {@code target}: a non-null value
     * sets the variable, a {@code null} value removes it. Removing matters for variables such as
     * {@code HTTPS_PROXY} that would silently reroute a client around (or through) our proxy.
     */
    static void apply(Map<String, String> target, Map<String, String> overrides) {
        overrides.forEach((name, value) -> {
            if (value == null) {
                target.remove(name);
            } else {
                target.put(name, value);
            }
        });
    }
}
