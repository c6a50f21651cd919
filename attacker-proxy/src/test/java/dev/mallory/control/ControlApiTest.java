package dev.mallory.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.json.Json;
import dev.mallory.proxy.AttackerProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The REST API: valid calls work; bad input is a 4xx with a clear message, and the proxy keeps serving. */
class ControlApiTest {
  private com.sun.net.httpserver.HttpServer upstream;
  private AttackerProxy proxy;
  private URI control;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    upstream = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/", ex -> {
      byte[] b = "{\"signed\":{\"version\":3},\"signatures\":[]}".getBytes();
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    upstream.start();
    proxy = AttackerProxy.reverse(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()))
        .controlPort(0).start();
    control = proxy.controlUrl().orElseThrow();
  }

  @AfterEach
  void stop() {
    proxy.close();
    upstream.stop(0);
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(control.resolve(path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int proxied() throws Exception {
    return http.send(HttpRequest.newBuilder(proxy.url().resolve("/metadata/timestamp.json")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3} mentioning \"{4}\"")
  @CsvSource(delimiter = '|', value = {
    "POST|/attacks|{not json|400|not valid JSON",
    "POST|/attacks||400|empty",
    "POST|/attacks|[1,2]|400|JSON object",
    "POST|/attacks|{\"role\":\"timestamp\"}|400|missing \"type\"",
    "POST|/attacks|{\"type\":\"rollbak\"}|400|unknown attack type 'rollbak'",
    "POST|/attacks|{\"type\":\"rollback\",\"role\":\"timestamp\",\"verison\":1}|400|unknown parameter 'verison'",
    "POST|/attacks|{\"type\":\"rollback\",\"role\":\"timestamp\",\"version\":\"one\"}|400|version",
    "POST|/attacks|{\"type\":\"rollback\"}|400|needs a role",
    "POST|/attacks|{\"type\":\"endless-data\",\"role\":\"timestamp\",\"framing\":\"zip\"}|400|framing",
    "POST|/attacks|{\"type\":\"fast-forward\",\"role\":\"timestamp\",\"keys\":{\"timestamp\":[\"nope\"]}}|400|no key named 'nope'",
    "PUT|/attacks|{}|400|JSON array",
    "DELETE|/attacks/rollback-99||404|no applied attack",
    "PATCH|/attacks||405|not allowed",
    "GET|/reset||405|not allowed",
    "GET|/journal?limit=-3||400|limit",
    "POST|/moments|{}|400|label",
    "POST|/moments|{\"label\":\"m\",\"lable\":1}|400|unknown field 'lable'",
    "POST|/moments|{\"label\":\"m\",\"capture\":\"yes\"}|400|\"capture\" is true or an object",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"dialect\":\"notary\"}}|400|GUN must be given",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"dialect\":\"svn\"}}|400|capture.dialect",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"gunn\":\"x\"}}|400|unknown field 'capture.gunn'",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"maxFiles\":0}}|400|maxFiles",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"maxFileBytes\":\"big\"}}|400|whole number",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"metadataPath\":\"metadata\"}}|400|metadataPath",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"origin\":\"http://127.0.0.1:1\"}}|400|forward proxy",
    "POST|/moments|{\"label\":\"m\",\"capture\":{\"maxFiles\":2}}|413|limit of 2",
    "GET|/nope||404|no such endpoint",
  })
  void badInput_isA4xxWithAClearMessage_andTheProxyKeepsServing(
      String method, String path, String body, int status, String message) throws Exception {
    HttpResponse<String> r = call(method, path, body);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(Json.parse(r.body().getBytes()).path("error").asText()).contains(message);
    assertThat(proxy.attacks()).isEmpty();
    assertThat(proxied()).isEqualTo(200);
  }

  @Test
  void applyListQueryDeleteReset() throws Exception {
    assertThat(proxied()).isEqualTo(200);
    HttpResponse<String> created = call("POST", "/attacks",
        "{\"type\":\"malicious-mirror\",\"role\":\"timestamp\",\"behaviour\":\"server-error\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = Json.parse(created.body().getBytes()).path("id").asText();
    assertThat(id).isEqualTo("malicious-mirror-1");
    assertThat(proxied()).isEqualTo(500);
    var list = Json.parse(call("GET", "/attacks", null).body().getBytes());
    assertThat(list.get(0).path("behaviour").asText()).isEqualTo("server-error");
    var journal = Json.parse(call("GET", "/journal?attack=" + id, null).body().getBytes());
    assertThat(journal).hasSize(1);
    assertThat(journal.get(0).path("request").path("role").asText()).isEqualTo("timestamp");
    assertThat(journal.get(0).path("upstream").path("status").asInt()).isEqualTo(200);
    assertThat(journal.get(0).path("sent").path("status").asInt()).isEqualTo(500);
    assertThat(Json.parse(call("GET", "/recordings?role=timestamp", null).body().getBytes()).get(0).path("version").asLong())
        .isEqualTo(3);
    assertThat(call("DELETE", "/attacks/" + id, null).statusCode()).isEqualTo(204);
    assertThat(proxied()).isEqualTo(200);
    assertThat(call("POST", "/moments", "{\"label\":\"m\"}").statusCode()).isEqualTo(201);
    assertThat(call("PUT", "/attacks", "[{\"type\":\"freeze\",\"moment\":\"m\"}]").statusCode()).isEqualTo(200);
    assertThat(proxy.attacks()).hasSize(1);
    assertThat(call("POST", "/reset", null).statusCode()).isEqualTo(204);
    assertThat(proxy.attacks()).isEmpty();
    assertThat(call("GET", "/ca.pem", null).body()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(Json.parse(call("GET", "/types", null).body().getBytes()).has("key-compromise")).isTrue();
  }
}
