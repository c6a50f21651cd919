package dev.mallory.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Signed;
import dev.mallory.repo.MetaFiles;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.PublicKeyOnlySigningService;
import dev.mallory.repo.store.RoleFile;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Client-side helpers for tests (and, through the test jar, scenarios): build Notary uploads with a
 * {@link Repository} that knows only the server's timestamp public key, and POST them as the real
 * client does (multipart, one part per role, filename = role).
 */
public final class NotaryUploads {
  public static final HttpClient HTTP = HttpClient.newHttpClient();

  private NotaryUploads() {}

  /** A client-side Notary repository for {@code gun}, its root listing the server's timestamp key. */
  public static Repository clientRepository(URI server, String gun) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(
        HttpRequest.newBuilder(server.resolve("/v2/" + gun + "/_trust/tuf/timestamp.key")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json = Json.parse(r.body());
    Key key = new Key(json.get("keytype").asText(), null, json.get("keyval").get("public").asText());
    return Repository.builder(Dialect.NOTARY).name(gun)
        .signingService(new PublicKeyOnlySigningService(Map.of("timestamp", key))).create();
  }

  /** The current files of the client repository for these roles, ready to upload. */
  public static Map<String, byte[]> files(Repository repo, String... roles) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String role : roles) {
      files.put(role, repo.current(role).orElseThrow().bytes());
    }
    return files;
  }

  /** Signs any model object with the given keys (wrong keys, expired, out-of-path targets...). */
  public static byte[] sign(Signed signed, List<SigningKey> keys) {
    return Dialect.NOTARY.signJson(Dialect.NOTARY.toJson(signed), keys);
  }

  public static MetaFile pin(String role, byte[] bytes) {
    return MetaFiles.inSnapshot(Dialect.NOTARY, RoleFile.of(role, 1, bytes));
  }

  public static HttpResponse<String> upload(URI server, String gun, Map<String, byte[]> files, String authorization) throws Exception {
    String boundary = UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + f.getKey()
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve("/v2/" + gun + "/_trust/tuf/"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
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
