package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing we start outlives the JVM: checked in a child JVM that exits without closing its process. */
class ShutdownHookTest {

    @TempDir
    Path dir;

    @Test
    void aProcessLeftRunningIsStoppedWhenTheJvmExits() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Only JDK classes are needed: the compiled main and test classes of this module.
        String classpath = Path.of(ManagedProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(ShutdownHookProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        CommandResult result = CommandRunner.run(
                List.of(java, "-cp", classpath, ShutdownHookProbe.class.getName(), dir.toString()),
                null, Map.of(), null, Duration.ofSeconds(60));

        assertThat(result.ok()).as("%s", result).isTrue();
        long sleeper = Long.parseLong(result.stdout().trim());
        assertThat(Processes.gone(sleeper, 3000)).as("sleep (pid %d) outlived the JVM", sleeper).isTrue();
    }
}
