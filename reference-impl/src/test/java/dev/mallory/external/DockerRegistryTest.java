package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerRegistryTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheBinary() {
        assumeTrue(DockerRegistry.isInstalled(), DockerRegistry.NOT_INSTALLED);
    }

    @Test
    void startsAnswersV2AndStopsByPid() throws Exception {
        DockerRegistry registry = DockerRegistry.start(dir);
        long pid = registry.pid();
        int port = registry.port();
        try {
            assertThat(registry.url().toString()).startsWith("http://127.0.0.1:");
            LoopbackHttp.Response ping = LoopbackHttp.get(registry.url().resolve("/v2/"), 1000);
            assertThat(ping.status()).isEqualTo(200);
            assertThat(ping.bodyText()).isEqualTo("{}");
            assertThat(LoopbackHttp.get(registry.url().resolve("/v2/_catalog"), 1000).bodyText())
                    .contains("\"repositories\":[]");
            assertThat(LoopbackHttp.status(registry.url().resolve("/v2/example/app/manifests/v1"))).isEqualTo(404);
            System.out.printf("docker-registry ready in %d ms (pid %d, port %d)%n",
                    registry.startupTime().toMillis(), pid, port);
        } finally {
            registry.close();
        }
        assertThat(Processes.gone(pid, 2000)).isTrue();
        assertThat(FreePort.isClosed(port)).isTrue();
    }
}
