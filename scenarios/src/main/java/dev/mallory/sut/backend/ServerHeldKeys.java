package dev.mallory.sut.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.json.Json;
import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.server.client.NotaryHttp;
import dev.mallory.server.client.NotaryPublisher;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

/**
 * The online keys of one GUN as a real Notary server holds them: the public key comes from
 * {@code GET <role>.key} (the server makes it on first ask), a rotation is
 * {@code POST <role>.key}, and nothing is ever signed here: the server signs its roles itself.
 */
final class ServerHeldKeys implements SigningService {
  private final NotaryHttp http;
  private final String gun;
  private final Map<String, Key> current = new ConcurrentHashMap<>();
  private final Lock serverKeys;

  /** @param serverKeys held while the server makes or replaces a key (see {@link NotaryServerBackend}) */
  ServerHeldKeys(NotaryHttp http, String gun, Lock serverKeys) {
    this.http = http;
    this.gun = gun;
    this.serverKeys = serverKeys;
  }

  @Override
  public Optional<Key> existingKey(String repository, String role) {
    return Optional.ofNullable(current.get(role));
  }

  @Override
  public Key publicKey(String repository, String role, KeyEncoding encoding) {
    return current.computeIfAbsent(role, r -> NotaryServerBackend.holding(serverKeys, () -> NotaryPublisher.serverKey(http, gun, r)));
  }

  @Override
  public Key rotate(String repository, String role, KeyEncoding encoding) {
    NotaryHttp.Answer a = NotaryServerBackend.holding(serverKeys, () -> http.rotateKey(gun, role, null));
    if (!a.ok()) {
      throw new IllegalStateException("the server did not rotate its " + role + " key of " + gun + ": " + a.exchange().describe());
    }
    JsonNode json = Json.parse(a.body());
    Key key = new Key(json.path("keytype").asText(), null, json.path("keyval").path("public").asText());
    current.put(role, key);
    return key;
  }

  @Override
  public List<Signature> sign(String repository, List<String> keyIds, byte[] payload) {
    return List.of();
  }
}
