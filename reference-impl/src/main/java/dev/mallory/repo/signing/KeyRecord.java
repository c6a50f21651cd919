package dev.mallory.repo.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.SigningKey;
import dev.mallory.json.Json;
import dev.mallory.model.Key;
import java.util.Base64;

/** The file form of one online key: which repository and role it serves, and the key itself. */
record KeyRecord(String repository, String role, long serial, SigningKey key) {

  byte[] encode() {
    ObjectNode json = Json.object();
    json.put("repository", repository);
    json.put("role", role);
    json.put("serial", serial);
    json.put("algorithm", key.algorithm().name());
    json.put("encoding", key.encoding().name());
    json.put("keytype", key.publicKey().keyType());
    if (key.publicKey().scheme() != null) {
      json.put("scheme", key.publicKey().scheme());
    }
    json.put("public", key.publicKey().publicValue());
    json.put("private", Base64.getEncoder().encodeToString(key.exportPrivateKey()));
    return Json.write(json);
  }

  static KeyRecord decode(byte[] bytes) {
    JsonNode json = Json.parse(bytes);
    Key publicKey =
        new Key(json.get("keytype").asText(), json.has("scheme") ? json.get("scheme").asText() : null, json.get("public").asText());
    SigningKey key =
        SigningKey.restore(
            KeyAlgorithm.valueOf(json.get("algorithm").asText()),
            KeyEncoding.valueOf(json.get("encoding").asText()),
            publicKey,
            Base64.getDecoder().decode(json.get("private").asText()));
    return new KeyRecord(json.get("repository").asText(), json.get("role").asText(), json.get("serial").asLong(), key);
  }
}
