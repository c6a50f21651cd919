package dev.mallory.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.json.CanonicalJson;
import dev.mallory.json.Json;
import dev.mallory.model.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Key ids: "the hexdigest of the SHA-256 hash of the canonical form of the key" (spec 4.2). The key
 * object differs by dialect — TUF 1.0 writes {@code {keytype, scheme, keyval:{public}}}, Notary
 * {@code {keytype, keyval:{private:null, public}}} — so the JSON form of a key is built here, once,
 * and the dialects serialise keys with it.
 */
public final class KeyIds {
  private KeyIds() {}

  public static ObjectNode keyJson(Key key, KeyEncoding encoding) {
    ObjectNode json = Json.object();
    json.put("keytype", key.keyType());
    ObjectNode keyval = json.putObject("keyval");
    if (encoding == KeyEncoding.NOTARY) {
      keyval.putNull("private");
    } else {
      json.put("scheme", key.scheme());
    }
    keyval.put("public", key.publicValue());
    for (Map.Entry<String, JsonNode> extra : key.unrecognized().entrySet()) {
      json.set(extra.getKey(), extra.getValue());
    }
    return json;
  }

  public static String of(Key key, KeyEncoding encoding) {
    return sha256Hex(CanonicalJson.encode(keyJson(key, encoding)));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
