package dev.mallory.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's keep-alive connections to upstream: reused from one request to the next, and replaced
 * when upstream closes them, without the client noticing either.
 */
class UpstreamConnectionsTest {
  private static final byte[] BODY = "{\"signed\":{\"version\":1},\"signatures\":[]}".getBytes(StandardCharsets.UTF_8);
  private final Set<String> upstreamConnections = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closeEach = new AtomicBoolean();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer upstream;
  private AttackerProxy proxy;

  @BeforeEach
  void start() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/", ex -> {
      upstreamConnections.add(ex.getRemoteAddress().toString());
      ex.getRequestBody().readAllBytes();
      if (closeEach.get()) {
        ex.getResponseHeaders().set("Connection", "close");
      }
      ex.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(BODY);
      }
    });
    upstream.start();
    proxy = AttackerProxy.reverse(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort())).threads(1).start();
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.stop(0);
  }

  @Test
  void anUpstreamThatNeverAnswers_isA502AfterTheDeadline_journaledWithTheReason() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        AttackerProxy impatient = AttackerProxy.reverse(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
            .upstreamTimeout(Duration.ofMillis(300)).start()) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(impatient.url().resolve("/metadata/timestamp.json"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.body()).contains("did not answer within 300 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(impatient.journal().entries()).singleElement()
          .satisfies(e -> assertThat(e.upstreamError()).contains("did not answer"));
    }
  }

  private void getTwenty() throws Exception {
    for (int i = 0; i < 20; i++) {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(proxy.url().resolve("/metadata/timestamp.json"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(BODY);
    }
  }

  @Test
  void sequentialRequests_goUpstreamOnOneKeptAliveConnection() throws Exception {
    getTwenty();
    assertThat(upstreamConnections).hasSize(1);
    assertThat(proxy.journal().entries()).hasSize(20).allMatch(e -> e.upstreamStatus() == 200 && e.sentStatus() == 200);
  }

  @Test
  void anUpstreamThatClosesAfterEachAnswer_getsANewConnectionEachTime_andEveryRequestSucceeds() throws Exception {
    closeEach.set(true);
    getTwenty();
    assertThat(upstreamConnections).hasSize(20);
  }
}
