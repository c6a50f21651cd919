package dev.mallory.repo.store;

import java.util.Map;
import java.util.Optional;

/**
 * Where a {@link MetadataStore} keeps bytes: content-addressed objects (metadata files and target
 * blobs alike) and one index per repository. Objects are written before the index that names them,
 * so an interrupted commit leaves only unreferenced objects behind.
 */
sealed interface Backend permits MemoryBackend, FileBackend {
  Map<String, RepositoryIndex> loadIndexes();

  void writeObject(String repository, String sha256, byte[] bytes);

  Optional<byte[]> readObject(String repository, String sha256);

  /** The commit point: atomically replaces the repository's index. */
  void writeIndex(String repository, RepositoryIndex index);

  void delete(String repository);
}
