package dev.mallory.registry.server;

import dev.mallory.registry.Digest;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open blob uploads. Chunks are kept as received (no doubling buffer) with a running SHA-256, so
 * the digest a client claims at the end is checked without re-reading; the total is bounded.
 */
final class UploadSessions {
  static final class Upload {
    final String name;
    final List<byte[]> chunks = new ArrayList<>();
    final MessageDigest sha256 = Digest.sha256();
    long size;

    Upload(String name) {
      this.name = name;
    }
  }

  /** The upload would grow past the configured blob limit. */
  static final class TooLargeException extends RuntimeException {
    TooLargeException(long limit) {
      super("blob larger than " + limit + " bytes");
    }
  }

  private final Map<String, Upload> open = new ConcurrentHashMap<>();
  private final RegistryConfig config;

  UploadSessions(RegistryConfig config) {
    this.config = config;
  }

  /** A new session id, or empty when too many are open. */
  Optional<String> start(String name) {
    if (open.size() >= config.maxUploads()) {
      return Optional.empty();
    }
    String id = UUID.randomUUID().toString();
    open.put(id, new Upload(name));
    return Optional.of(id);
  }

  Optional<Upload> get(String name, String id) {
    Upload u = open.get(id);
    return u != null && u.name.equals(name) ? Optional.of(u) : Optional.empty();
  }

  static void append(Upload u, byte[] chunk, long limit) {
    synchronized (u) {
      if (u.size + chunk.length > limit) {
        throw new TooLargeException(limit);
      }
      if (chunk.length > 0) {
        u.chunks.add(chunk);
        u.sha256.update(chunk);
        u.size += chunk.length;
      }
    }
  }

  /** Closes the session; returns its digest and bytes. */
  static Map.Entry<Digest, byte[]> finish(Upload u) {
    synchronized (u) {
      byte[] all = new byte[Math.toIntExact(u.size)];
      int at = 0;
      for (byte[] c : u.chunks) {
        System.arraycopy(c, 0, all, at, c.length);
        at += c.length;
      }
      u.chunks.clear();
      return Map.entry(Digest.of(u.sha256), all);
    }
  }

  void close(String id) {
    open.remove(id);
  }
}
