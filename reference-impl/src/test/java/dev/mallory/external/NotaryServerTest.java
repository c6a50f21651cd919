package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotaryServerTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheBinary() {
        assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    }

    @Test
    void startsOnAFreeLoopbackPortAndAnswersHealth() {
        try (NotaryServer server = NotaryServer.start(dir)) {
            assertThat(server.url().toString()).startsWith("http://127.0.0.1:");
            assertThat(LoopbackHttp.get(server.url().resolve(NotaryServer.HEALTH_PATH), 1000))
                    .satisfies(r -> assertThat(r.status()).isEqualTo(200))
                    .satisfies(r -> assertThat(r.bodyText()).isEqualTo("{}"));
            // The client pings /v2/ before every command; an unknown GUN is a 404, not an error page.
            assertThat(LoopbackHttp.status(server.url().resolve("/v2/"))).isEqualTo(200);
            assertThat(LoopbackHttp.status(server.url().resolve("/v2/example.com/none/_trust/tuf/root.json"))).isEqualTo(404);
            System.out.printf("notary-server ready in %d ms (pid %d, port %d)%n",
                    server.startupTime().toMillis(), server.pid(), server.port());
        }
    }

    @Test
    void afterCloseThePidIsGoneAndThePortIsClosed() throws Exception {
        NotaryServer server = NotaryServer.start(dir);
        long pid = server.pid();
        int port = server.port();
        assertThat(Processes.running(pid)).isTrue();

        server.close();

        assertThat(Processes.gone(pid, 2000)).as("pid %d", pid).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(FreePort.isClosed(port)).as("port %d", port).isTrue();
        server.close(); // idempotent
    }

    @Test
    void afterAKillItRestartsOnTheSamePortEmpty() throws Exception {
        try (NotaryServer server = NotaryServer.start(dir)) {
            URI url = server.url();
            long firstPid = server.pid();

            server.kill();
            assertThat(server.isAlive()).isFalse();
            assertThat(server.process().exitCode()).hasValue(137);
            assertThat(FreePort.isClosed(server.port())).isTrue();

            server.restart();

            assertThat(server.url()).isEqualTo(url);
            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(LoopbackHttp.isOk(url.resolve(NotaryServer.HEALTH_PATH))).isTrue();
        }
    }

    @Test
    void restartOfARunningServerStopsTheOldProcess() throws Exception {
        try (NotaryServer server = NotaryServer.start(dir)) {
            long firstPid = server.pid();
            server.restart();
            assertThat(Processes.gone(firstPid, 2000)).isTrue();
            assertThat(LoopbackHttp.isOk(server.url().resolve(NotaryServer.HEALTH_PATH))).isTrue();
        }
    }

    @Test
    void restartFailsClearlyWhenSomeoneElseTookThePort() throws Exception {
        try (NotaryServer server = NotaryServer.start(dir)) {
            server.kill();
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress(FreePort.LOOPBACK, server.port()));
                assertThatThrownBy(server::restart)
                        .isInstanceOfSatisfying(ProcessNotReadyException.class, e -> {
                            assertThat(e.reason()).isEqualTo(ProcessNotReadyException.Reason.EXITED);
                            assertThat(e.logTail()).contains("address already in use");
                        });
            }
        }
    }

    @Test
    void servesTlsWithTheGivenCertificate() throws Exception {
        NotaryServer.Tls tls = SelfSignedTls.generate(dir.resolve("tls"));
        try (NotaryServer server = NotaryServer.start(dir.resolve("server"), tls)) {
            assertThat(server.url().getScheme()).isEqualTo("https");
            assertThat(LoopbackHttp.isOk(server.url().resolve(NotaryServer.HEALTH_PATH))).isTrue();
            // Plain HTTP to a TLS port gets Go's "client sent an HTTP request to an HTTPS server" 400.
            assertThat(LoopbackHttp.status(URI.create("http://127.0.0.1:" + server.port() + NotaryServer.HEALTH_PATH)))
                    .isEqualTo(400);
        }
    }

    @Test
    void aBadConfigFailsWithTheServersOwnMessage() {
        NotaryServer.Tls missing = new NotaryServer.Tls(dir.resolve("no.crt"), dir.resolve("no.key"));
        assertThatThrownBy(() -> NotaryServer.start(dir, missing))
                .isInstanceOfSatisfying(ProcessNotReadyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProcessNotReadyException.Reason.EXITED);
                    assertThat(e.logTail()).contains("no.crt");
                });
    }
}
