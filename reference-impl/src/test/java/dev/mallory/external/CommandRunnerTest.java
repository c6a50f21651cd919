package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void capturesExitCodeStdoutAndStderr() {
        CommandResult result = CommandRunner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), TEN_SECONDS);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.ok()).isFalse();
    }

    @Test
    void feedsStdinAndClosesIt() {
        CommandResult result = CommandRunner.run(List.of("cat"), null, Map.of(),
                "piped\n".getBytes(StandardCharsets.UTF_8), TEN_SECONDS);
        assertThat(result.ok()).as("%s", result).isTrue();
        assertThat(result.stdout()).isEqualTo("piped\n");
    }

    @Test
    void withoutStdinAProgramThatReadsGetsEofInsteadOfHanging() {
        CommandResult result = CommandRunner.run(List.of("cat"), Duration.ofSeconds(5));
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void killsACommandThatRunsPastItsTimeout() throws Exception {
        // exec: the shell becomes sleep, so the printed pid is the one that must die.
        CommandResult result = CommandRunner.run(List.of("sh", "-c", "echo $$; exec sleep 60"), Duration.ofMillis(300));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(137); // 128 + SIGKILL
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
        long pid = Long.parseLong(result.stdout().trim());
        assertThat(Processes.gone(pid, 2000)).as("pid %d still running", pid).isTrue();
    }

    @Test
    void onTimeoutAlsoKillsTheCommandsChildren() throws Exception {
        CommandResult result = CommandRunner.run(List.of("sh", "-c", "sleep 60 & echo $!; wait"), Duration.ofMillis(300));
        assertThat(result.timedOut()).isTrue();
        long child = Long.parseLong(result.stdout().trim());
        assertThat(Processes.gone(child, 2000)).as("child %d still running", child).isTrue();
    }

    @Test
    void boundsCapturedStdoutOfAFlood() {
        CommandResult result = CommandRunner.run(List.of("sh", "-c", "yes | head -c 10000000"), TEN_SECONDS);
        assertThat(result.ok()).as("the flood finishes because we keep draining").isTrue();
        assertThat(result.stdout()).hasSize(CommandRunner.DEFAULT_MAX_OUTPUT_BYTES);
        assertThat(result.stdout()).startsWith("y\ny\n");
    }

    @Test
    void boundsCapturedStderrOfAnEndlessFloodAndStillTimesOut() {
        CommandResult result = CommandRunner.run(List.of("sh", "-c", "yes >&2"), null, Map.of(), null,
                Duration.ofMillis(500), 1000);
        assertThat(result.timedOut()).isTrue();
        assertThat(result.stderr()).hasSize(1000);
        assertThat(result.toString()).hasSizeLessThan(10_000);
    }

    @Test
    void appliesAndRemovesEnvironmentVariables() {
        Map<String, String> env = new HashMap<>();
        env.put("MALLORY_TEST_VAR", "set");
        env.put("HOME", null);
        CommandResult result = CommandRunner.run(List.of("sh", "-c", "echo \"$MALLORY_TEST_VAR/${HOME:-unset}\""),
                null, env, null, TEN_SECONDS);
        assertThat(result.stdout()).isEqualTo("set/unset\n");
    }

    @Test
    void aMissingProgramIsAClearError() {
        assertThatThrownBy(() -> CommandRunner.run(List.of("/nonexistent/mallory-nope"), TEN_SECONDS))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("/nonexistent/mallory-nope");
    }
}
