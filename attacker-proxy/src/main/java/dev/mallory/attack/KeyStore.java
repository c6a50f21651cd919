package dev.mallory.attack;

import dev.mallory.crypto.SigningKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys handed to the attacker, by name. The REST API names keys and never carries private key
 * material: a test registers {@code proxy.keys().put("stolen-timestamp", key)} in Java and the JSON
 * says {@code "keys": {"timestamp": ["stolen-timestamp"]}}.
 */
public final class KeyStore {
  private final Map<String, SigningKey> keys = new ConcurrentHashMap<>();

  public KeyStore put(String name, SigningKey key) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a key needs a name");
    }
    keys.put(name, key);
    return this;
  }

  public Optional<SigningKey> get(String name) {
    return Optional.ofNullable(keys.get(name));
  }

  /** The key, or an error naming the keys there are. */
  public SigningKey require(String name) {
    SigningKey key = keys.get(name);
    if (key == null) {
      throw new IllegalArgumentException("no key named '" + name + "' in the attacker's key store (known: "
          + names() + "); register it with proxy.keys().put(name, signingKey)");
    }
    return key;
  }

  public List<SigningKey> requireAll(List<String> names) {
    return names == null ? List.of() : names.stream().map(this::require).toList();
  }

  public List<String> names() {
    return List.copyOf(new TreeMap<>(keys).keySet());
  }

  /** Name to key id, for listings (never the private part). */
  public Map<String, String> keyIds() {
    Map<String, String> ids = new TreeMap<>();
    keys.forEach((n, k) -> ids.put(n, k.keyId()));
    return ids;
  }

  public void remove(String name) {
    keys.remove(name);
  }
}
