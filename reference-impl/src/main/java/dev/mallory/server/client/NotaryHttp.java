package dev.mallory.server.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A Notary client's HTTP side, as the real {@code notary} client speaks it (shared/research/notary.md
 * section 7): GET metadata and keys, the multipart {@code POST /v2/<gun>/_trust/tuf/} with one part
 * per role ({@code filename=<role>}), DELETE, key rotation. Every exchange is handed to a recorder,
 * so a finding can show the exact request that triggered it.
 */
public final class NotaryHttp {
  private static final HttpClient SHARED = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI server;
  private final HttpClient http;
  private final Duration timeout;
  private final Consumer<Exchange> recorder;

  public NotaryHttp(URI server, Consumer<Exchange> recorder) {
    this(server, SHARED, Duration.ofSeconds(60), recorder);
  }

  public NotaryHttp(URI server, HttpClient http, Duration timeout, Consumer<Exchange> recorder) {
    String s = server.toString();
    this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.http = http;
    this.timeout = timeout;
    this.recorder = recorder;
  }

  public URI server() {
    return server;
  }

  /** The path of a role file: {@code /v2/<gun>/_trust/tuf/<name>}. */
  public static String tufPath(String gun, String name) {
    return "/v2/" + gun + "/_trust/tuf/" + name;
  }

  /** A response: status and body (-1 and empty when none arrived). */
  public record Answer(int status, byte[] body, Exchange exchange) {
    public boolean ok() {
      return status == 200;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public Answer get(String path) {
    return send("GET", path, Map.of(), null);
  }

  public Answer delete(String path, String authorization) {
    return send("DELETE", path, auth(authorization), null);
  }

  /** {@code POST <role>.key}: asks the server to rotate a key it holds. */
  public Answer rotateKey(String gun, String role, String authorization) {
    return send("POST", tufPath(gun, role + ".key"), auth(authorization), new byte[0]);
  }

  /** The multipart upload of role files ({@code filename} = role name), as the notary client sends it. */
  public Answer upload(String gun, Map<String, byte[]> files, String authorization) {
    String boundary = UUID.randomUUID().toString().replace("-", "");
    return uploadRaw(gun, multipart(boundary, files), "multipart/form-data; boundary=" + boundary, authorization);
  }

  /** POSTs any body to the upload path (for malformed uploads). */
  public Answer uploadRaw(String gun, byte[] body, String contentType, String authorization) {
    Map<String, String> headers = new LinkedHashMap<>(auth(authorization));
    headers.put("Content-Type", contentType);
    return send("POST", tufPath(gun, ""), headers, body);
  }

  public static byte[] multipart(String boundary, Map<String, byte[]> files) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + f.getKey()
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path)).timeout(timeout);
    headers.forEach(request::header);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    Map<String, String> shown = new LinkedHashMap<>(headers);
    shown.computeIfPresent("Authorization", (k, v) -> v.replaceAll("(\\S+\\s+).*", "$1<redacted>"));
    long length = body == null ? 0 : body.length;
    String excerpt = Exchange.excerpt(body);
    Exchange exchange;
    Answer answer;
    try {
      HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      exchange = new Exchange(method, path, shown, excerpt, length, r.statusCode(), Exchange.excerpt(r.body()), "");
      answer = new Answer(r.statusCode(), r.body(), exchange);
    } catch (IOException e) {
      exchange = new Exchange(method, path, shown, excerpt, length, -1, "", e.getClass().getSimpleName() + ": " + e.getMessage());
      answer = new Answer(-1, new byte[0], exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
    recorder.accept(exchange);
    return answer;
  }

  private static Map<String, String> auth(String authorization) {
    return authorization == null ? Map.of() : Map.of("Authorization", authorization);
  }
}
