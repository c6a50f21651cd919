package dev.mallory.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.IntFunction;

/**
 * A free TCP port on 127.0.0.1, found by letting the kernel choose one (bind to port 0).
 *
 * <p>The socket is closed before the port is handed out, so another process could in theory grab
 * it before our server binds it. The servers in this package therefore retry with a new port when
 * a first start dies early.
 */
public final class FreePort {

    /** 127.0.0.1 itself, not whatever "localhost" resolves to (it could be ::1). */
    public static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e); // cannot happen: the address is given as bytes
        }
    }

    private FreePort() {
    }

    /** Returns a port that was free on 127.0.0.1 a moment ago. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            // No SO_REUSEADDR: we want a port that is really unused, not one in TIME_WAIT.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    /**
     * Starts a daemon on a port from {@link #find()}; when it dies because another process took
     * that port first ({@link ProcessNotReadyException#lostItsPort()}), starts it again on a new
     * port, at most {@code attempts} times. {@code start} must stop what it launched before it
     * throws. Any other failure is thrown at once.
     */
    public static <T> T startOnFreePort(int attempts, IntFunction<T> start) {
        ProcessNotReadyException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return start.apply(find());
            } catch (ProcessNotReadyException e) {
                if (!e.lostItsPort()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** True when nothing accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isClosed(int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
