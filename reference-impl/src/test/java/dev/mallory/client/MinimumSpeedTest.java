package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.client.errors.SlowRetrievalException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The minimum transfer speed of {@link HttpFetcher}, over real HTTP on loopback (MockWebServer
 * throttles the body as a slow link or a dripping attacker would): too few bytes in a window ends
 * the download after about that window, whatever the per-read gaps; a slow transfer above the
 * minimum completes.
 */
@Timeout(30)
class MinimumSpeedTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  /** Long read timeout and no deadline: only the minimum speed can stop these transfers early. */
  private static UpdaterConfig config(long bytes, Duration window) {
    return UpdaterConfig.DEFAULTS
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ZERO)
        .withMinimumSpeed(new MinimumSpeed(bytes, window));
  }

  private URI serve(byte[] body, long bytesPerPeriod, long periodMillis) {
    server.enqueue(new MockResponse.Builder()
        .body(new Buffer().write(body))
        .throttleBody(bytesPerPeriod, periodMillis, TimeUnit.MILLISECONDS)
        .build());
    return URI.create(server.url("/metadata/timestamp.json").toString());
  }

  @Test
  void aDripBelowTheMinimumSpeed_isRefusedAfterAboutOneWindow_withTheEvidence() {
    // 1,000 bytes/s, every gap 100 ms (far under the read timeout); at least 4 KiB per second required
    URI url = serve(filled(64 * 1024), 100, 100);
    HttpFetcher fetcher = new HttpFetcher(config(4096, Duration.ofSeconds(1)));

    long started = System.nanoTime();
    assertThatThrownBy(() -> fetcher.fetchBytes(url, 1_000_000))
        .isInstanceOfSatisfying(SlowRetrievalException.class, e -> {
          SlowRetrievalException.TooSlow evidence = e.tooSlow().orElseThrow();
          assertThat(evidence.received()).isPositive().isLessThan(4096);
          assertThat(evidence.minimum()).isEqualTo(4096);
          assertThat(evidence.configuredWindow()).isEqualTo(Duration.ofSeconds(1));
          assertThat(evidence.window()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
          assertThat(e.limit()).isEqualTo(Duration.ofSeconds(1));
          assertThat(e.getMessage()).contains(url.toString()).contains("at least 4096");
        });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
  }

  @Test
  void aSlowTransferAboveTheMinimumSpeed_completesWithEveryByte() {
    // 20 KiB/s for 24 KiB (about 1.2 s, so several windows are judged); at least 8 KiB/s required
    byte[] body = filled(24 * 1024);
    URI url = serve(body, 2048, 100);
    HttpFetcher fetcher = new HttpFetcher(config(4096, Duration.ofMillis(500)));

    long started = System.nanoTime();
    byte[] received = fetcher.fetchBytes(url, 1_000_000);

    assertThat(received).isEqualTo(body);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(500));
  }

  @Test
  void responseHeadersThatNeverArrive_areRefusedAfterOneWindow_beforeTheReadTimeout() {
    server.enqueue(new MockResponse.Builder().body("late").headersDelay(25, TimeUnit.SECONDS).build());
    URI url = URI.create(server.url("/metadata/timestamp.json").toString());
    HttpFetcher fetcher = new HttpFetcher(config(1024, Duration.ofMillis(500)));

    long started = System.nanoTime();
    assertThatThrownBy(() -> fetcher.fetchBytes(url, 1_000_000))
        .isInstanceOfSatisfying(SlowRetrievalException.class,
            e -> assertThat(e.tooSlow().orElseThrow().received()).isZero());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void responseHeadersDrippedFasterThanTheReadTimeout_areRefusedAfterOneWindow() throws Exception {
    // A byte of the status line and headers every 100 ms: no read ever waits long, no body byte arrives.
    try (ServerSocket dripper = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer = new Thread(() -> dripHeaders(dripper), "header-dripper");
      peer.setDaemon(true);
      peer.start();
      URI url = URI.create("http://127.0.0.1:" + dripper.getLocalPort() + "/metadata/timestamp.json");
      HttpFetcher fetcher = new HttpFetcher(config(1024, Duration.ofMillis(800)));

      long started = System.nanoTime();
      assertThatThrownBy(() -> fetcher.fetchBytes(url, 1_000_000))
          .isInstanceOfSatisfying(SlowRetrievalException.class,
              e -> assertThat(e.tooSlow().orElseThrow().received()).isZero());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
  }

  private static void dripHeaders(ServerSocket server) {
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nX-Padding: " + "p".repeat(200) + "\r\n\r\nbody")
        .getBytes(StandardCharsets.US_ASCII);
    try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
      for (byte b : head) {
        out.write(b);
        out.flush();
        Thread.sleep(100);
      }
    } catch (IOException | InterruptedException clientGone) {
      // expected: the client closed the connection
    }
  }

  @Test
  void aRefusedDownloadClosesItsConnectionAtOnce_insteadOfDrainingTheDripForReuse() throws Exception {
    // Keep-alive, a 400-byte body, one byte every 2 s: the JDK would drain it in the background.
    try (ServerSocket dripper = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      java.util.concurrent.CompletableFuture<Long> hungUp = new java.util.concurrent.CompletableFuture<>();
      Thread peer = new Thread(() -> dripBodyUntilHungUp(dripper, hungUp), "body-dripper");
      peer.setDaemon(true);
      peer.start();
      URI url = URI.create("http://127.0.0.1:" + dripper.getLocalPort() + "/metadata/timestamp.json");
      HttpFetcher fetcher = new HttpFetcher(config(1024, Duration.ofMillis(800)));

      assertThatThrownBy(() -> fetcher.fetchBytes(url, 1_000_000)).isInstanceOf(SlowRetrievalException.class);
      long refused = System.nanoTime();

      long closed = hungUp.get(10, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(closed - refused)).isLessThan(Duration.ofMillis(1500));
    }
  }

  private static void dripBodyUntilHungUp(ServerSocket server, java.util.concurrent.CompletableFuture<Long> hungUp) {
    try (Socket s = server.accept()) {
      s.getInputStream().read(new byte[8192]); // the request
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\nx".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.setSoTimeout(2000);
      for (int i = 1; i < 400; i++) {
        try {
          if (s.getInputStream().read() == -1) {
            break; // the client closed its end
          }
        } catch (java.net.SocketTimeoutException stillOpen) {
          out.write('x');
          out.flush();
        }
      }
    } catch (IOException e) {
      // reset by the client: it closed too
    }
    hungUp.complete(System.nanoTime());
  }

  @Test
  void aSmallFileThatEndsInsideTheFirstWindow_isNeverJudged() {
    // 200 bytes: fewer than the minimum, but the transfer is over before the window ends
    byte[] body = filled(200);
    URI url = serve(body, 50, 50);
    HttpFetcher fetcher = new HttpFetcher(config(4096, Duration.ofSeconds(2)));

    assertThat(fetcher.fetchBytes(url, 1_000_000)).isEqualTo(body);
  }

  @Test
  void aMinimumSpeedNeedsBothBytesAndWindow() {
    assertThatThrownBy(() -> new MinimumSpeed(1024, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MinimumSpeed(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(MinimumSpeed.NONE.enabled()).isFalse();
    assertThat(UpdaterConfig.DEFAULTS.minimumSpeed()).isEqualTo(new MinimumSpeed(30 * 1024, Duration.ofSeconds(30)));
  }

  private static byte[] filled(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'x');
    return b;
  }
}
