package dev.mallory.repo.store;

import dev.mallory.dialect.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every signed version of every role of every repository, plus target bytes, content-addressed.
 *
 * <p>Reads never block: each repository's {@link RepositoryIndex} is an immutable value replaced
 * whole by {@link #commit}. A commit writes its objects first and its index last (atomically on
 * disk), so readers, and a process restarted after SIGKILL, see a publication entirely or not at
 * all. Commits are serialised per store; callers that validate before committing (the upload path)
 * hold their own per-repository lock around read-validate-commit.
 */
public final class MetadataStore {
  private final Backend backend;
  private final Map<String, RepositoryIndex> indexes = new ConcurrentHashMap<>();
  // Committed objects never change, so caching them is safe; it keeps hot reads off the disk.
  private final Map<String, byte[]> metadataCache = new ConcurrentHashMap<>();

  private MetadataStore(Backend backend) {
    this.backend = backend;
    indexes.putAll(backend.loadIndexes());
  }

  public static MetadataStore inMemory() {
    return new MetadataStore(new MemoryBackend());
  }

  /** A store in {@code dir}; what an earlier process committed there is served again. */
  public static MetadataStore open(Path dir) {
    return new MetadataStore(new FileBackend(dir));
  }

  public Set<String> repositories() {
    return new TreeSet<>(indexes.keySet());
  }

  public Optional<RepositoryIndex> index(String repository) {
    return Optional.ofNullable(indexes.get(repository));
  }

  public Optional<Dialect> dialect(String repository) {
    return index(repository).map(RepositoryIndex::dialect);
  }

  public Set<String> roles(String repository) {
    return index(repository).map(i -> (Set<String>) new TreeSet<>(i.roles().keySet())).orElse(Set.of());
  }

  public Optional<RoleFile> current(String repository, String role) {
    return index(repository).flatMap(i -> i.role(role)).flatMap(h -> file(repository, role, h.current(), h.currentSha256()));
  }

  public Optional<RoleFile> version(String repository, String role, long version) {
    return index(repository)
        .flatMap(i -> i.role(role))
        .flatMap(h -> Optional.ofNullable(h.versions().get(version)).flatMap(sha -> file(repository, role, version, sha)));
  }

  /** A committed version of the role whose bytes have this SH-256 (how Notary clients fetch). */
  public Optional<RoleFile> byHash(String repository, String role, String sha256) {
    Optional<RoleHistory> history = index(repository).flatMap(i -> i.role(role));
    if (history.isEmpty()) {
      return Optional.empty();
    }
    for (Map.Entry<Long, String> e : history.get().versions().descendingMap().entrySet()) {
      if (e.getValue().equals(sha256)) {
        return file(repository, role, e.getKey(), sha256);
      }
    }
    return Optional.empty();
  }

  /** Every committed version of the role, oldest first. */
  public List<RoleFile> history(String repository, String role) {
    List<RoleFile> files = new ArrayList<>();
    index(repository).flatMap(i -> i.role(role)).ifPresent(h ->
        h.versions().forEach((v, sha) -> file(repository, role, v, sha).ifPresent(files::add)));
    return files;
  }

  /** Target bytes by content address; only addresses some target name was ever committed under. */
  public Optional<byte[]> target(String repository, String sha256) {
    boolean isTarget = index(repository).map(i -> i.targets().containsValue(sha256)).orElse(false);
    return isTarget ? backend.readObject(repository, sha256) : Optional.empty();
  }

  public Optional<byte[]> targetByName(String repository, String name) {
    return index(repository).map(i -> i.targets().get(name)).flatMap(sha -> backend.readObject(repository, sha));
  }

  /** Creates an empty repository if there is none; returns its dialect (an existing one wins). */
  public synchronized Dialect create(String repository, Dialect dialect) {
    checkName(repository);
    RepositoryIndex existing = indexes.get(repository);
    if (existing != null) {
      return existing.dialect();
    }
    RepositoryIndex index = RepositoryIndex.empty(dialect);
    backend.writeIndex(repository, index);
    indexes.put(repository, index);
    return dialect;
  }

  /** Atomically makes all the files current together (see the class comment). */
  public void commit(String repository, Collection<RoleFile> files) {
    commit(repository, files, Map.of(), List.of());
  }

  /**
   * Atomically commits role files and target changes.
   *
   * @param addedTargets target path to bytes; stored content-addressed
   * @param removedTargets target paths no longer served by name
   */
  public synchronized void commit(
      String repository, Collection<RoleFile> files, Map<String, byte[]> addedTargets, Collection<String> removedTargets) {
    RepositoryIndex index = indexes.get(repository);
    if (index == null) {
      throw new IllegalStateException("no repository " + repository + "; create it first");
    }
    for (RoleFile f : files) {
      index.role(f.role()).ifPresent(h -> {
        String existing = h.versions().get(f.version());
        if (existing != null && !existing.equals(f.sha256())) {
          throw new IllegalStateException("version " + f.version() + " of " + f.role() + " is already committed with other bytes");
        }
      });
      backend.writeObject(repository, f.sha256(), f.bytes());
    }
    Map<String, String> targetNames = new java.util.LinkedHashMap<>();
    addedTargets.forEach((name, bytes) -> {
      String sha = Hashes.sha256(bytes);
      backend.writeObject(repository, sha, bytes);
      targetNames.put(name, sha);
    });
    RepositoryIndex next = index.withFiles(files).withTargets(targetNames, removedTargets);
    backend.writeIndex(repository, next);
    indexes.put(repository, next);
  }

  /** Deletes every version of every role (Notary's {@code DELETE /v2/<gun>/_trust/tuf/}). */
  public synchronized void delete(String repository) {
    backend.delete(repository);
    indexes.remove(repository);
  }

  private Optional<RoleFile> file(String repository, String role, long version, String sha256) {
    byte[] bytes = metadataCache.get(sha256);
    if (bytes == null) {
      Optional<byte[]> read = backend.readObject(repository, sha256);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      bytes = read.get();
      metadataCache.put(sha256, bytes);
    }
    return Optional.of(new RoleFile(role, version, bytes, sha256));
  }

  private static void checkName(String repository) {
    if (repository == null || repository.isEmpty() || repository.length() > 255) {
      throw new IllegalArgumentException("a repository name must have 1 to 255 characters");
    }
  }
}
