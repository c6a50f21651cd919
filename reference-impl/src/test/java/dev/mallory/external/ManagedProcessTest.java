package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void aProcessThatDiesBeforeItIsReadyFailsWithItsLogTail() {
        try (ManagedProcess process = ManagedProcess.start("dies",
                List.of("sh", "-c", "echo 'listen: address already taken' >&2; exit 7"), dir, Map.of(), dir)) {
            assertThatThrownBy(() -> process.waitUntil(() -> false, Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(ProcessNotReadyException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ProcessNotReadyException.Reason.EXITED);
                        assertThat(e.exitCode()).isEqualTo(7);
                        assertThat(e.logTail()).contains("listen: address already taken");
                        assertThat(e.getMessage()).contains("dies", "exited with code 7", "address already taken");
                    });
        }
    }

    @Test
    void aProcessThatNeverBecomesReadyTimesOut() {
        try (ManagedProcess process = ManagedProcess.start("slow", List.of("sleep", "60"), dir, Map.of(), dir)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> process.waitUntil(() -> false, Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(ProcessNotReadyException.class,
                            e -> assertThat(e.reason()).isEqualTo(ProcessNotReadyException.Reason.TIMED_OUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(process.isAlive()).as("waitUntil leaves stopping to the owner").isTrue();
        }
    }

    @Test
    void waitUntilReturnsOnceTheCheckPasses() throws Exception {
        Path flag = dir.resolve("ready");
        try (ManagedProcess process = ManagedProcess.start("touch",
                List.of("sh", "-c", "sleep 0.1; touch '" + flag + "'; exec sleep 60"), dir, Map.of(), dir)) {
            process.waitUntil(() -> Files.exists(flag), Duration.ofSeconds(10));
            assertThat(process.isAlive()).isTrue();
        }
    }

    @Test
    void logsGoToFilesInTheLogDirectory() throws Exception {
        try (ManagedProcess process = ManagedProcess.start("talk",
                List.of("sh", "-c", "echo to-out; echo to-err >&2; exec sleep 60"), dir, Map.of("GREETING", "hi"), dir)) {
            process.waitUntil(() -> sizeOf(process.stderrLog()) > 0 && sizeOf(process.stdoutLog()) > 0,
                    Duration.ofSeconds(10));
            assertThat(process.stdoutLog()).hasContent("to-out");
            assertThat(process.stderrLog()).hasContent("to-err");
            assertThat(process.logTail()).contains("to-out", "to-err");
        }
    }

    @Test
    void aGoCrashReportKeepsItsCauseWhenTheGoroutineDumpOverflowsTheTail() throws Exception {
        // A Go fatal error prints its cause first, then every goroutine: the cause is what matters.
        String dump = "goroutine 7 [runnable]:\\nnet/http.(*conn).serve(0xc0002d3540)\\n";
        try (ManagedProcess process = ManagedProcess.start("go-crash",
                List.of("sh", "-c", "echo starting >&2; printf 'fatal error: concurrent map writes\\n\\n' >&2; "
                        + "i=0; while [ $i -lt 200 ]; do printf '" + dump + "' >&2; i=$((i+1)); done; exit 2"),
                dir, Map.of(), dir)) {
            process.handle().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(process.logTail())
                    .contains("[go-crash.err.log, crash report]\nfatal error: concurrent map writes")
                    .contains("net/http.(*conn).serve");
        }
    }

    @Test
    void aShortCrashReportIsShownOnceInTheTail() throws Exception {
        try (ManagedProcess process = ManagedProcess.start("short-crash",
                List.of("sh", "-c", "echo 'panic: runtime error: index out of range' >&2; exit 2"), dir, Map.of(), dir)) {
            process.handle().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(process.logTail()).doesNotContain("crash report")
                    .containsOnlyOnce("panic: runtime error: index out of range");
        }
    }

    @Test
    void closeStopsTheProcessAndItsChildrenByPid() throws Exception {
        Path childPid = dir.resolve("child.pid");
        ManagedProcess process = ManagedProcess.start("tree",
                List.of("sh", "-c", "sleep 300 & echo $! > '" + childPid + "'; wait"), dir, Map.of(), dir);
        process.waitUntil(() -> sizeOf(childPid) > 0, Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(childPid).trim());
        long pid = process.pid();

        process.close();

        assertThat(Processes.running(pid)).isFalse();
        assertThat(Processes.gone(child, 2000)).as("child %d", child).isTrue();
        process.close(); // idempotent
    }

    @Test
    void stopEscalatesToSigkillWhenSigtermIsIgnored() throws Exception {
        // An ignored signal stays ignored across exec, so the whole tree ignores SIGTERM.
        Path started = dir.resolve("started");
        ManagedProcess process = ManagedProcess.start("stubborn",
                List.of("sh", "-c", "trap '' TERM; touch '" + started + "'; sleep 300"), dir, Map.of(), dir);
        process.waitUntil(() -> Files.exists(started), Duration.ofSeconds(10));
        long start = System.nanoTime();

        process.stop(Duration.ofMillis(300));

        assertThat(process.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void killIsImmediateSigkill() {
        ManagedProcess process = ManagedProcess.start("victim", List.of("sleep", "300"), dir, Map.of(), dir);
        process.kill();
        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitCode()).hasValue(137);
        process.close(); // after a kill, close has nothing left to do
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
