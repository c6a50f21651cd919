package dev.mallory.server.client;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The publisher side of Notary, as the real client does it: a client-side {@link Repository} whose
 * root lists the server's timestamp key (fetched from {@code timestamp.key}) and which signs root,
 * targets, snapshot and delegations itself; the timestamp is the server's.
 */
public final class NotaryPublisher {
  private NotaryPublisher() {}

  /** The server's public key for a role it holds ({@code timestamp} or {@code snapshot}). */
  public static Key serverKey(NotaryHttp http, String gun, String role) {
    NotaryHttp.Answer r = http.get(NotaryHttp.tufPath(gun, role + ".key"));
    if (!r.ok()) {
      throw new IllegalStateException("the server did not give its " + role + " key for " + gun + ": " + r.exchange().describe());
    }
    JsonNode json = Json.parse(r.body());
    return new Key(json.get("keytype").asText(), null, json.get("keyval").get("public").asText());
  }

  /** A client-side Notary repository for {@code gun}, its root listing the server's timestamp key. */
  public static Repository clientRepository(NotaryHttp http, String gun) {
    Key key = serverKey(http, gun, "timestamp");
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

  /** The Notary error code of an error body ({@code {"errors":[{"code":...}]}}), if it is one. */
  public static java.util.Optional<String> errorCode(byte[] body) {
    try {
      JsonNode code = Json.parse(body).path("errors").path(0).path("code");
      return code.isTextual() ? java.util.Optional.of(code.asText()) : java.util.Optional.empty();
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
