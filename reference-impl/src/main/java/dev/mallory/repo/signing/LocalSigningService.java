package dev.mallory.repo.signing;

import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import dev.mallory.repo.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * An in-process signer (notary-server's "local" trust service): Ed25519 keys, as the local signer
 * makes, kept in memory and, when given a directory, in one file per key written atomically so a
 * restarted server still signs with the keys its roots list.
 *
 * <p>Not part of {@link SigningService}: {@link #signingKeys} hands the private keys to a key
 * compromise scenario.
 */
public final class LocalSigningService implements SigningService {
  private final Path dir; // null: memory only
  private final KeyAlgorithm algorithm;
  private final List<KeyRecord> keys = new CopyOnWriteArrayList<>();

  private LocalSigningService(Path dir, KeyAlgorithm algorithm) {
    this.dir = dir;
    this.algorithm = algorithm;
    if (dir != null) {
      load();
    }
  }

  public static LocalSigningService inMemory() {
    return new LocalSigningService(null, KeyAlgorithm.ED25519);
  }

  public static LocalSigningService inMemory(KeyAlgorithm algorithm) {
    return new LocalSigningService(null, algorithm);
  }

  /** Keys persisted in {@code dir} (created if missing); keys written there before are loaded. */
  public static LocalSigningService open(Path dir) {
    return new LocalSigningService(dir.toAbsolutePath(), KeyAlgorithm.ED25519);
  }

  @Override
  public Optional<Key> existingKey(String repository, String role) {
    return newest(repository, role).map(r -> r.key().publicKey());
  }

  @Override
  public synchronized Key publicKey(String repository, String role, KeyEncoding encoding) {
    Optional<KeyRecord> newest = newest(repository, role).filter(r -> r.key().encoding() == encoding);
    return newest.isPresent() ? newest.get().key().publicKey() : rotate(repository, role, encoding);
  }

  @Override
  public synchronized Key rotate(String repository, String role, KeyEncoding encoding) {
    long serial = keys.stream().mapToLong(KeyRecord::serial).max().orElse(0) + 1;
    KeyRecord record = new KeyRecord(repository, role, serial, KeyGenerator.generate(algorithm, encoding));
    if (dir != null) {
      AtomicFiles.write(dir.resolve(serial + "-" + record.key().keyId() + ".json"), record.encode());
    }
    keys.add(record);
    return record.key().publicKey();
  }

  @Override
  public List<Signature> sign(String repository, List<String> keyIds, byte[] payload) {
    List<Signature> signatures = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (KeyRecord r : keys) {
      if (r.repository().equals(repository) && keyIds.contains(r.key().keyId()) && done.add(r.key().keyId())) {
        signatures.add(r.key().sign(payload));
      }
    }
    return signatures;
  }

  @Override
  public boolean holdsAny(String repository, List<String> keyIds) {
    return keys.stream().anyMatch(r -> r.repository().equals(repository) && keyIds.contains(r.key().keyId()));
  }

  /** The private keys of a role, newest last: what an attacker who compromised the signer gets. */
  public List<SigningKey> signingKeys(String repository, String role) {
    return keys.stream().filter(r -> r.repository().equals(repository) && r.role().equals(role)).map(KeyRecord::key).toList();
  }

  private Optional<KeyRecord> newest(String repository, String role) {
    KeyRecord found = null;
    for (KeyRecord r : keys) {
      if (r.repository().equals(repository) && r.role().equals(role)) {
        found = r;
      }
    }
    return Optional.ofNullable(found);
  }

  private void load() {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> files = Files.list(dir)) {
        List<KeyRecord> loaded = new ArrayList<>();
        for (Path f : (Iterable<Path>) files::iterator) {
          if (f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith(".")) {
            loaded.add(KeyRecord.decode(Files.readAllBytes(f)));
          }
        }
        loaded.sort(java.util.Comparator.comparingLong(KeyRecord::serial));
        keys.addAll(loaded);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load keys from " + dir, e);
    }
  }
}
