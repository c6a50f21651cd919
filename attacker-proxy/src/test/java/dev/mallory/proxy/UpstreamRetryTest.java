package dev.mallory.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.journal.JournalEntry;
import dev.mallory.proxy.ScriptedUpstream.Action;
import dev.mallory.proxy.ScriptedUpstream.Seen;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9110 9.2.2 / RFC 9112 9.3.1: a request that meets upstream closing an idle kept-alive
 * connection is sent once more on a fresh connection if its method is idempotent and not one byte of
 * an answer came; anything else (a POST, a fresh connection, a failed retry) ends in the error.
 * Over HTTPS, a close_notify before the close is TLS's, not a byte of an answer.
 */
class UpstreamRetryTest {
  private static final String PATH = "/metadata/timestamp.json";
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private ScriptedUpstream upstream;
  private AttackerProxy proxy;

  private void start(ScriptedUpstream.Script script) throws Exception {
    start("http", script);
  }

  /** {@code https}: upstream ends its connections with a close_notify, then the FIN. */
  private void start(String scheme, ScriptedUpstream.Script script) throws Exception {
    upstream = scheme.equals("https") ? ScriptedUpstream.tls(script) : new ScriptedUpstream(script);
    // One event loop: every request goes through the same pool of upstream connections.
    proxy = AttackerProxy.reverse(upstream.url()).threads(1).start();
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  /** The idle-timeout race: each connection answers its first request and closes on the second. */
  private static ScriptedUpstream.Script closesOnSecondRequest(Action close) {
    return (connection, request) -> request == 0 ? Action.ANSWER : close;
  }

  private HttpResponse<String> send(String method, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body);
    return http.send(HttpRequest.newBuilder(proxy.url().resolve(PATH)).method(method, publisher)
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get() throws Exception {
    return send("GET", null);
  }

  @ParameterizedTest(name = "{1} over {0}")
  @CsvSource({"http,CLOSE", "http,RESET", "https,CLOSE"})
  void aGetOnAReusedConnectionThatUpstreamCloses_isSentAgainOnAFreshOne_andTheClientGets200(String scheme,
      Action close) throws Exception {
    start(scheme, closesOnSecondRequest(close));
    assertThat(get().body()).isEqualTo("{\"connection\":0,\"request\":0}");

    HttpResponse<String> second = get();

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo("{\"connection\":1,\"request\":0}");
    assertThat(upstream.connections()).isEqualTo(2);
    assertThat(upstream.seen()).extracting(Seen::connection).containsExactly(0, 0, 1);
    List<JournalEntry> journal = proxy.journal().entries();
    assertThat(journal).hasSize(2); // one exchange per client request, the retry inside it
    assertThat(journal.get(0).retriedAfter()).isNull();
    JournalEntry retried = journal.get(1);
    assertThat(retried.retriedAfter()).isNotNull();
    if (close == Action.CLOSE) {
      assertThat(retried.retriedAfter()).contains("closed the connection before answering");
    }
    assertThat(retried.upstreamStatus()).isEqualTo(200);
    assertThat(retried.upstreamError()).isNull();
    assertThat(retried.sentStatus()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} over {2} retried: {1}")
  @CsvSource({"GET,true,http", "HEAD,true,http", "OPTIONS,true,http", "PUT,true,http", "DELETE,true,http",
      "POST,false,http", "PATCH,false,http", "GET,true,https", "POST,false,https"})
  void onlyIdempotentMethodsAreRetried_andARetriedBodyArrivesWhole(String method, boolean idempotent, String scheme)
      throws Exception {
    start(scheme, closesOnSecondRequest(Action.CLOSE));
    get();
    String body = method.equals("PUT") || method.equals("POST") || method.equals("PATCH") ? "{\"upload\":1}" : null;

    HttpResponse<String> r = send(method, body);

    JournalEntry e = proxy.journal().entries().get(1);
    if (idempotent) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(upstream.connections()).isEqualTo(2);
      assertThat(upstream.seen()).last().isEqualTo(new Seen(1, 0, method, body == null ? "" : body));
      assertThat(e.retriedAfter()).isNotNull();
    } else {
      // A proxy MUST NOT automatically retry non-idempotent requests (RFC 9110 9.2.2): upstream may
      // have acted on it before closing.
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.body()).contains("closed the connection before answering");
      assertThat(upstream.connections()).isEqualTo(1);
      assertThat(upstream.seen()).hasSize(2).last().isEqualTo(new Seen(0, 1, method, body));
      assertThat(e.retriedAfter()).isNull();
      assertThat(e.upstreamError()).contains("closed the connection before answering");
      assertThat(e.sentStatus()).isEqualTo(502);
    }
    assertThat(proxy.journal().entries()).hasSize(2);
  }

  @Test
  void aFreshConnectionThatUpstreamCloses_isNotRetried_oneConnectionPerRequest() throws Exception {
    start((connection, request) -> Action.CLOSE);

    for (int i = 1; i <= 3; i++) {
      HttpResponse<String> r = get();
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(upstream.connections()).isEqualTo(i); // no idle connection to reuse, so no race to excuse
    }

    assertThat(upstream.seen()).extracting(Seen::request).containsExactly(0, 0, 0);
    assertThat(proxy.journal().entries()).hasSize(3)
        .allSatisfy(e -> {
          assertThat(e.retriedAfter()).isNull();
          assertThat(e.upstreamError()).contains("closed the connection before answering");
        });
  }

  @Test
  void aRetryThatFailsToo_isNotRetriedAgain_andTheClientGetsTheError() throws Exception {
    start((connection, request) -> connection == 0 && request == 0 ? Action.ANSWER : Action.CLOSE);
    assertThat(get().statusCode()).isEqualTo(200);

    HttpResponse<String> second = get();

    // RFC 9110 9.2.2: a client SHOULD NOT automatically retry a failed automatic retry.
    assertThat(second.statusCode()).isEqualTo(502);
    assertThat(upstream.connections()).isEqualTo(2); // the reused one and exactly one fresh one
    JournalEntry e = proxy.journal().entries().get(1);
    assertThat(e.retriedAfter()).contains("closed the connection before answering");
    assertThat(e.upstreamError()).contains("closed the connection before answering");
    assertThat(e.sentStatus()).isEqualTo(502);

    assertThat(get().statusCode()).isEqualTo(502); // the failed connections were not pooled: fresh, once
    assertThat(upstream.connections()).isEqualTo(3);
    assertThat(proxy.journal().entries()).hasSize(3);
  }

  @Test
  void aReusedConnectionClosedAfterPartOfTheAnswer_isNotRetried() throws Exception {
    start(closesOnSecondRequest(Action.PARTIAL));
    get();

    HttpResponse<String> r = get();

    // A byte of the answer means upstream got and acted on the request: the failure is upstream's.
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(upstream.connections()).isEqualTo(1);
    assertThat(proxy.journal().entries().get(1).retriedAfter()).isNull();
  }

  @Test
  void aReusedConnectionThatKeepsSilentPastTheDeadline_isNotRetried() throws Exception {
    upstream = new ScriptedUpstream(closesOnSecondRequest(Action.SILENT));
    proxy = AttackerProxy.reverse(upstream.url()).threads(1).upstreamTimeout(Duration.ofMillis(300)).start();
    get();

    HttpResponse<String> r = get();

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).contains("did not answer within 300 ms");
    assertThat(upstream.connections()).isEqualTo(1); // a retry would double the client's wait
    assertThat(proxy.journal().entries().get(1).retriedAfter()).isNull();
  }
}
