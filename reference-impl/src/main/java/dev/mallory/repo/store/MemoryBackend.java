package dev.mallory.repo.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Everything in the heap; gone when the process ends (like notary-server's memory storage). */
final class MemoryBackend implements Backend {
  private final Map<String, Map<String, byte[]>> objects = new ConcurrentHashMap<>();

  @Override
  public Map<String, RepositoryIndex> loadIndexes() {
    return Map.of();
  }

  @Override
  public void writeObject(String repository, String sha256, byte[] bytes) {
    objects.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).putIfAbsent(sha256, bytes.clone());
  }

  @Override
  public Optional<byte[]> readObject(String repository, String sha256) {
    return Optional.ofNullable(objects.getOrDefault(repository, Map.of()).get(sha256));
  }

  @Override
  public void writeIndex(String repository, RepositoryIndex index) {
    // The store's in-memory index is the only copy.
  }

  @Override
  public void delete(String repository) {
    objects.remove(repository);
  }
}
