package dev.mallory.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mallory.attack.Attack;
import dev.mallory.attack.AttackContext;
import dev.mallory.attack.Effect;
import dev.mallory.attack.Exchange;
import dev.mallory.journal.JournalEntry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reverse mode with a path route: one client-facing origin in front of a trust server and a content server beside it. */
class PathRoutesTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer trust;
  private HttpServer content;
  private AttackerProxy proxy;

  /** A server answering every request with its name and the path it was asked for. */
  private static HttpServer echo(String name) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = (name + " " + exchange.getRequestURI().getRawPath()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }

  private static URI url(HttpServer server, String base) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + base);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(proxy.url().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    trust.stop(0);
    content.stop(0);
  }

  @Test
  void aPathRouteSendsItsPrefixToTheOtherUpstreamWithThatUpstreamsBasePath() throws Exception {
    trust = echo("trust");
    content = echo("content");
    proxy = AttackerProxy.reverse(url(trust, "")).reverseRoute("/targets/", url(content, "/blobs")).start();

    assertThat(get("/v2/example.com/app/_trust/tuf/timestamp.json")).isEqualTo("trust /v2/example.com/app/_trust/tuf/timestamp.json");
    assertThat(get("/targets/app.tgz")).isEqualTo("content /blobs/targets/app.tgz");
    assertThat(get("/targetsfile")).as("a prefix, not a word").isEqualTo("trust /targetsfile");
    // Both upstreams' answers are journaled and classified as exchanges of the one origin the client sees.
    List<JournalEntry> targets = proxy.journal().find(e -> e.request().path().equals("/targets/app.tgz"));
    assertThat(targets).singleElement().satisfies(e -> {
      assertThat(e.request().isTarget()).isTrue();
      assertThat(e.upstreamStatus()).isEqualTo(200);
    });
  }

  @Test
  void anAttackFetchingAnotherPathGetsItFromThatPathsUpstream() throws Exception {
    trust = echo("trust");
    content = echo("content");
    proxy = AttackerProxy.reverse(url(trust, "")).reverseRoute("/targets/", url(content, "")).start();
    proxy.apply(new Attack() {
      @Override
      public String type() {
        return "fetch-other";
      }

      @Override
      public Optional<Effect> decide(Exchange e, AttackContext context) {
        if (!e.request().path().equals("/v2/x")) {
          return Optional.empty();
        }
        byte[] other = context.fetch("/targets/other.tgz").orElse("nothing".getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Effect.ReplaceBody(200, other, "text/plain"));
      }
    });
    assertThat(get("/v2/x")).isEqualTo("content /targets/other.tgz");
  }

  @Test
  void pathRoutesAreForReverseModeAndHttpUpstreams() throws Exception {
    trust = echo("trust");
    content = echo("content");
    assertThatThrownBy(() -> AttackerProxy.forward().reverseRoute("/targets/", url(content, "")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AttackerProxy.reverse(url(trust, "")).reverseRoute("targets/", url(content, "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttackerProxy.reverse(url(trust, "")).reverseRoute("/targets/", URI.create("ftp://127.0.0.1/")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
