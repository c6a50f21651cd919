package dev.mallory.external;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link ShutdownHookTest}: starts a long sleep with {@link ManagedProcess},
 * prints its pid, and exits without closing it. The shutdown hook must stop the sleep.
 */
public final class ShutdownHookProbe {

    private ShutdownHookProbe() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        ManagedProcess sleeper = ManagedProcess.start("orphan-candidate", List.of("sleep", "300"), dir, Map.of(), dir);
        System.out.println(sleeper.pid());
        System.out.flush();
        System.exit(0);
    }
}
