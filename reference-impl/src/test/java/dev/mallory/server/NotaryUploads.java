package dev.mallory.server;

import dev.mallory.crypto.SigningKey;
import dev.mallory.json.Json;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Signed;
import dev.mallory.repo.Repository;
import dev.mallory.server.client.NotaryHttp;
import dev.mallory.server.client.NotaryPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Client-side helpers for tests: thin wrappers over {@link NotaryPublisher} and {@link NotaryHttp}
 * (main code, shared with the server-validation scenarios) with the signatures the tests use.
 */
public final class NotaryUploads {
  public static final HttpClient HTTP = HttpClient.newHttpClient();

  private NotaryUploads() {}

  /** A client-side Notary repository for {@code gun}, its root listing the server's timestamp key. */
  public static Repository clientRepository(URI server, String gun) throws Exception {
    return NotaryPublisher.clientRepository(new NotaryHttp(server, e -> {}), gun);
  }

  /** The current files of the client repository for these roles, ready to upload. */
  public static Map<String, byte[]> files(Repository repo, String... roles) {
    return NotaryPublisher.files(repo, roles);
  }

  /** Signs any model object with the given keys (wrong keys, expired, out-of-path targets...). */
  public static byte[] sign(Signed signed, List<SigningKey> keys) {
    return NotaryPublisher.sign(signed, keys);
  }

  public static MetaFile pin(String role, byte[] bytes) {
    return NotaryPublisher.pin(role, bytes);
  }

  public static HttpResponse<String> upload(URI server, String gun, Map<String, byte[]> files, String authorization) throws Exception {
    String boundary = UUID.randomUUID().toString().replace("-", "");
    byte[] body = NotaryHttp.multipart(boundary, files);
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/v2/" + gun + "/_trust/tuf/"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<byte[]> get(URI server, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(server.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The Notary error code of a response body, e.g. {@code INVALID_UPDATE}. */
  public static String errorCode(HttpResponse<String> r) {
    return Json.parse(r.body().getBytes(StandardCharsets.UTF_8)).get("errors").get(0).get("code").asText();
  }
}
