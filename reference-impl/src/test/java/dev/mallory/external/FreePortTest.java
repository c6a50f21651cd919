package dev.mallory.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

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
}
