package dev.mallory.external;

/** Test helpers about pids. */
final class Processes {

    private Processes() {
    }

    /** True while a process with this pid exists and is not a zombie. */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::running).orElse(false);
    }

    /** Waits up to {@code millis} for the pid to stop running; returns whether it did. */
    static boolean gone(long pid, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (running(pid)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
