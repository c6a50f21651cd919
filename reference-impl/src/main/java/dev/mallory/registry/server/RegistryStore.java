package dev.mallory.registry.server;

import dev.mallory.registry.Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory content-addressable storage of a {@link RegistryServer}: per repository name, blobs
 * and manifests by digest and tags pointing at manifest digests. The honest paths ({@link #putBlob},
 * {@link #putManifest}) only store bytes under their own digest.
 *
 * <p>The {@code tamper*} methods turn it into a malicious registry (or one whose storage was
 * compromised) for attack scenarios: they store bytes under a digest they do not have, which is
 * exactly what a pull client must catch.
 */
public final class RegistryStore {
  /** A stored manifest: its exact bytes and the media type it was pushed with. */
  public record StoredManifest(String mediaType, byte[] bytes) {}

  private static final class Repo {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, StoredManifest> manifests = new ConcurrentHashMap<>();
    final Map<String, String> tags = new ConcurrentHashMap<>();
  }

  private final Map<String, Repo> repos = new ConcurrentHashMap<>();

  private Repo repo(String name) {
    return repos.computeIfAbsent(name, n -> new Repo());
  }

  public void putBlob(String name, Digest digest, byte[] bytes) {
    if (!Digest.of(bytes).equals(digest)) {
      throw new IllegalArgumentException("blob bytes do not have digest " + digest);
    }
    repo(name).blobs.put(digest.hex(), bytes);
  }

  public Optional<byte[]> blob(String name, Digest digest) {
    Repo r = repos.get(name);
    return r == null ? Optional.empty() : Optional.ofNullable(r.blobs.get(digest.hex()));
  }

  /** Stores the manifest under its digest and, when {@code tag} is not null, points the tag at it. */
  public Digest putManifest(String name, String tag, String mediaType, byte[] bytes) {
    Digest digest = Digest.of(bytes);
    Repo r = repo(name);
    r.manifests.put(digest.hex(), new StoredManifest(mediaType, bytes.clone()));
    if (tag != null) {
      r.tags.put(tag, digest.hex());
    }
    return digest;
  }

  public Optional<StoredManifest> manifest(String name, Digest digest) {
    Repo r = repos.get(name);
    return r == null ? Optional.empty() : Optional.ofNullable(r.manifests.get(digest.hex()));
  }

  public Optional<Digest> tag(String name, String tag) {
    Repo r = repos.get(name);
    return r == null ? Optional.empty() : Optional.ofNullable(r.tags.get(tag)).map(Digest::new);
  }

  public List<String> tags(String name) {
    Repo r = repos.get(name);
    return r == null ? List.of() : List.copyOf(new TreeMap<>(r.tags).keySet());
  }

  public boolean hasRepository(String name) {
    return repos.containsKey(name);
  }

  // ---- a malicious registry ---------------------------------------------------------------

  /** Serves {@code bytes} as the blob {@code digest} (image forgery, layer swap). */
  public void tamperBlob(String name, Digest digest, byte[] bytes) {
    repo(name).blobs.put(digest.hex(), bytes.clone());
  }

  /** Serves {@code bytes} as the manifest {@code digest} (old manifest replayed, extra layer). */
  public void tamperManifest(String name, Digest digest, String mediaType, byte[] bytes) {
    repo(name).manifests.put(digest.hex(), new StoredManifest(mediaType, bytes.clone()));
  }

  /** Points a tag at any digest (what a registry-side attacker does first). */
  public void tamperTag(String name, String tag, Digest digest) {
    repo(name).tags.put(tag, digest.hex());
  }
}
