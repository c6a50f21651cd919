package dev.mallory.external;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Small HTTP GETs to the servers we started on 127.0.0.1: readiness checks and fetching raw bytes.
 *
 * <p>Short timeouts so a stuck server fails a check instead of hanging it; no proxy, ever (the JDK
 * default proxy selector follows {@code http.proxyHost}); bodies read up to a limit.
 *
 * <p>TLS: these requests only ask "is the server up" or fetch bytes that the caller verifies
 * itself, so the certificate is deliberately not checked here. Never use this class to test what a
 * TLS client should accept; that is what the real clients behind the attacker proxy are for.
 */
public final class LoopbackHttp {

    /** A response: status code and (possibly truncated) body. */
    public record Response(int status, byte[] body) {
        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(trustEverything())
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private LoopbackHttp() {
    }

    /** Refuses anything but loopback: this harness never sends traffic off the machine. */
    static URI requireLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
                || host.startsWith("127."))) {
            throw new IllegalArgumentException("not a loopback URL: " + uri);
        }
        return uri;
    }

    /** True when GET {@code uri} answers 200 within a second. Never throws. */
    public static boolean isOk(URI uri) {
        return status(uri) == 200;
    }

    /** The status of GET {@code uri}, or -1 when there is no answer within a second. Never throws. */
    public static int status(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(requireLoopback(uri)).timeout(PROBE_TIMEOUT).GET().build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * GET {@code uri} and read at most {@code maxBytes} of the body (the rest is dropped).
     *
     * @throws UncheckedIOException when the server does not answer
     */
    public static Response get(URI uri, int maxBytes) {
        try {
            HttpRequest request = HttpRequest.newBuilder(requireLoopback(uri)).timeout(FETCH_TIMEOUT).GET().build();
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(maxBytes);
                return new Response(response.statusCode(), Arrays.copyOf(bytes, bytes.length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("GET " + uri + " interrupted", new IOException(e));
        }
    }

    /**
     * An SSL context that accepts any server certificate and any host name. An
     * {@link X509ExtendedTrustManager} is used because the JDK would wrap a plain X509TrustManager
     * and still check the host name.
     */
    private static SSLContext trustEverything() {
        X509ExtendedTrustManager acceptAll = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {acceptAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
