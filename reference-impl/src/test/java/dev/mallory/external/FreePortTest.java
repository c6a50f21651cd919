package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void findsAPortThatCanBeBoundOnLoopback() throws Exception {
        int port = FreePort.find();
        assertThat(port).isBetween(1024, 65535);
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(FreePort.LOOPBACK, port));
            assertThat(FreePort.isClosed(port)).as("something listens now").isFalse();
        }
        assertThat(FreePort.isClosed(port)).isTrue();
    }

    @Test
    void loopbackIsIpv4Loopback() {
        assertThat(FreePort.LOOPBACK.getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void startOnFreePortTriesANewPortWhenTheFirstWasTakenMeanwhile() {
        List<Integer> ports = new ArrayList<>();
        String started = FreePort.startOnFreePort(3, port -> {
            ports.add(port);
            if (ports.size() == 1) {
                throw notReady(ProcessNotReadyException.Reason.EXITED, "bind: address already in use");
            }
            return "up on " + port;
        });
        assertThat(ports).hasSize(2);
        assertThat(started).isEqualTo("up on " + ports.get(1));
    }

    @Test
    void startOnFreePortGivesUpAfterItsAttemptsAndOnAnyOtherFailureAtOnce() {
        int[] calls = {0};
        assertThatThrownBy(() -> FreePort.startOnFreePort(3, port -> {
            calls[0]++;
            throw notReady(ProcessNotReadyException.Reason.EXITED, "listen tcp: address already in use");
        })).isInstanceOf(ProcessNotReadyException.class);
        assertThat(calls[0]).isEqualTo(3);

        calls[0] = 0;
        assertThatThrownBy(() -> FreePort.startOnFreePort(3, port -> {
            calls[0]++;
            throw notReady(ProcessNotReadyException.Reason.EXITED, "unknown config key");
        })).hasMessageContaining("unknown config key");
        assertThat(calls[0]).as("a bad config is not retried").isEqualTo(1);

        calls[0] = 0;
        assertThatThrownBy(() -> FreePort.startOnFreePort(3, port -> {
            calls[0]++;
            throw notReady(ProcessNotReadyException.Reason.TIMED_OUT, "address already in use");
        })).isInstanceOf(ProcessNotReadyException.class);
        assertThat(calls[0]).as("a process still running did bind something").isEqualTo(1);
    }

    private static ProcessNotReadyException notReady(ProcessNotReadyException.Reason reason, String log) {
        return new ProcessNotReadyException(reason, "daemon", 42, reason == ProcessNotReadyException.Reason.EXITED ? 1 : null,
                Duration.ofMillis(10), log);
    }
}
