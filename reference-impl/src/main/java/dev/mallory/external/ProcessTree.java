package dev.mallory.external;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Stopping a process we started, together with its descendants, by pid.
 *
 * <p>Why by pid and never by name: other engineers' servers, other test runs and the machine's own
 * services run on the same host; {@code pkill notary-server} would hit them too. A
 * {@link ProcessHandle} also remembers the process start time, so a recycled pid is not signalled.
 *
 * <p>Every process we start is {@linkplain #own registered}; one JVM shutdown hook stops whatever
 * is still registered, so nothing we started outlives the JVM (a failing test, Ctrl-C, surefire's
 * fork ending). A SIGKILL of the JVM itself cannot be caught; nothing can help there.
 */
final class ProcessTree {

    /** How long the shutdown hook lets SIGTERM work before it sends SIGKILL. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private static final Set<ProcessHandle> OWNED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessTree::stopAllOwned, "mallory-process-reaper"));
    }

    private ProcessTree() {
    }

    /** Remembers a process we started so the shutdown hook can stop it. */
    static void own(ProcessHandle process) {
        OWNED.add(process);
    }

    /** Forgets a process that has been stopped (or has exited by itself). */
    static void disown(ProcessHandle process) {
        OWNED.remove(process);
    }

    /**
     * SIGTERM to the process and its descendants, then up to {@code grace} for them to exit, then
     * SIGKILL for whatever is left. Returns once the root process is gone.
     */
    static void terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = snapshot(root);
        // Descendants first: a parent that dies first leaves its children re-parented to init,
        // after which they are no longer found through it (we still hold their handles here).
        for (int i = tree.size() - 1; i >= 0; i--) {
            tree.get(i).destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessTree::running)) {
            sleepQuietly(10);
        }
        killAll(tree);
    }

    /** SIGKILL to the process and its descendants right away (a crash, as far as they can tell). */
    static void killNow(ProcessHandle root) {
        killAll(snapshot(root));
    }

    /** Root first, then every descendant known right now (depth-first order, parents before children). */
    static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        tree.addAll(root.descendants().collect(Collectors.toList()));
        return tree;
    }

    /**
     * True while the process exists and is not a zombie. A killed descendant that was re-parented
     * stays a zombie until its new parent reaps it; it no longer runs, so it counts as stopped.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Format: "pid (comm) S ..."; comm may contain spaces and parentheses, so look after the last ')'.
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return process.isAlive(); // no /proc (not Linux) or the process just vanished
        }
    }

    private static void killAll(List<ProcessHandle> tree) {
        // Parent first so it cannot start new children while we kill the ones we know about.
        for (ProcessHandle process : tree) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        // Wait for the root (our own child, reaped by the JDK) so callers can rely on the pid being gone.
        try {
            tree.get(0).onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // SIGKILL cannot be ignored; if the kernel is that slow there is nothing better to do.
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessTree::running)) {
            sleepQuietly(5);
        }
        tree.forEach(OWNED::remove);
    }

    private static void stopAllOwned() {
        List<ProcessHandle> roots = List.copyOf(OWNED);
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle root : roots) {
            all.addAll(snapshot(root));
        }
        for (ProcessHandle process : all) {
            process.destroy();
        }
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            sleepQuietly(10);
        }
        for (ProcessHandle process : all) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
