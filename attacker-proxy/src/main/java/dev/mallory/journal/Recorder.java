package dev.mallory.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.classify.Classified;
import dev.mallory.classify.FileKind;
import dev.mallory.json.Json;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps every distinct version of every metadata file (and target) seen from upstream, indexed by
 * (repository, role, version) and by hash. Bounded by total bytes: when full, the oldest recordings
 * go first (a recording a running attack still holds stays valid: it owns its bytes).
 */
public final class Recorder {
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  private final long maxBytes;
  private final Clock clock;
  private final LinkedHashMap<Long, Recording> bySeq = new LinkedHashMap<>();
  private final Map<String, Recording> byHash = new HashMap<>();
  private final Map<String, Moment> moments = new LinkedHashMap<>();
  /** The last recording served at each (repository, path): most answers repeat it, no hash needed. */
  private final Map<String, Recording> lastAtPath = new HashMap<>();
  private long seq;
  private long bytes;

  public Recorder(long maxBytes, Clock clock) {
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /**
   * Records a successful upstream answer if it is metadata or a target. Returns the recording (the
   * existing one if these bytes were seen before), or empty if nothing was recorded.
   */
  public Optional<Recording> record(Classified request, byte[] body) {
    return record(request, body, null);
  }

  /** As {@link #record(Classified, byte[])}, with the body's hex SHA-256 if already computed. */
  public synchronized Optional<Recording> record(Classified request, byte[] body, String sha256) {
    if (request.kind() != FileKind.METADATA && request.kind() != FileKind.TARGET) {
      return Optional.empty();
    }
    if (body.length == 0 || body.length > maxBytes) {
      return Optional.empty();
    }
    String pathKey = request.path(); // the path names the repository too
    Recording last = lastAtPath.get(pathKey);
    if (last != null && last.length() == body.length && last.sameBytes(body) && bySeq.containsKey(last.seq())) {
      return Optional.of(last); // the same bytes as last time at this path: comparing beats hashing
    }
    String hash = sha256 != null ? sha256 : sha256Hex(body);
    String key = keyOf(request.repository(), hash);
    Recording known = byHash.get(key);
    if (known != null) {
      lastAtPath.put(pathKey, known);
      return Optional.of(known);
    }
    Long version = request.isMetadata() ? versionOf(body) : null;
    Recording r = new Recording(++seq, clock.instant(), request.repository(), request.dialect(), request.kind(),
        request.role(), request.targetPath(), version, hash, body.length, request.path(), body);
    bySeq.put(r.seq(), r);
    byHash.put(key, r);
    bytes += body.length;
    lastAtPath.put(pathKey, r);
    while (bytes > maxBytes && !bySeq.isEmpty()) {
      Recording oldest = bySeq.values().iterator().next();
      bySeq.remove(oldest.seq());
      byHash.remove(keyOf(oldest.repository(), oldest.sha256()));
      lastAtPath.values().removeIf(x -> x == oldest);
      bytes -= oldest.length();
    }
    return Optional.of(r);
  }

  /**
   * The recording last served at this request's path, if it holds exactly {@code body}'s remaining
   * bytes (which are not consumed): a client asking again for an unchanged file, the common case, is
   * recognised without copying or hashing the body. Empty means "call {@link #record} to be sure".
   */
  public synchronized Optional<Recording> repeated(Classified request, ByteBuffer body) {
    Recording last = lastAtPath.get(request.path());
    if (last != null && last.length() == body.remaining() && last.sameBytes(body) && bySeq.containsKey(last.seq())) {
      return Optional.of(last);
    }
    return Optional.empty();
  }

  /** Marks "the repository state now" under a label (replacing an older moment of that label). */
  public synchronized Moment mark(String label) {
    Moment m = new Moment(Objects.requireNonNull(label, "label"), seq, clock.instant());
    moments.put(label, m);
    return m;
  }

  public synchronized Optional<Moment> moment(String label) {
    return Optional.ofNullable(moments.get(label));
  }

  public synchronized List<Moment> moments() {
    return List.copyOf(moments.values());
  }

  public synchronized List<Recording> all() {
    return List.copyOf(bySeq.values());
  }

  /** Every recorded version of a role, oldest first ({@code repository} null = any). */
  public synchronized List<Recording> versions(String repository, String role) {
    List<Recording> list = new ArrayList<>();
    for (Recording r : bySeq.values()) {
      if (r.kind() == FileKind.METADATA && Objects.equals(r.role(), role)
          && (repository == null || Objects.equals(r.repository(), repository))) {
        list.add(r);
      }
    }
    list.sort(Comparator.comparing((Recording r) -> r.version() == null ? -1L : r.version())
        .thenComparingLong(Recording::seq));
    return list;
  }

  public synchronized Optional<Recording> version(String repository, String role, long version) {
    return versions(repository, role).stream()
        .filter(r -> r.version() != null && r.version() == version)
        .reduce((a, b) -> b);
  }

  /** The most recently recorded file of a role (by arrival, not by version). */
  public synchronized Optional<Recording> latest(String repository, String role) {
    return asOf(repository, role, Long.MAX_VALUE);
  }

  /** The newest recording of a role at or before a moment: what a frozen repository serves. */
  public synchronized Optional<Recording> asOf(String repository, String role, long momentSeq) {
    Recording found = null;
    for (Recording r : bySeq.values()) {
      if (r.seq() <= momentSeq && r.kind() == FileKind.METADATA && Objects.equals(r.role(), role)
          && (repository == null || Objects.equals(r.repository(), repository))) {
        found = r;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The newest recording of a target path at or before a moment. */
  public synchronized Optional<Recording> targetAsOf(String repository, String targetPath, long momentSeq) {
    Recording found = null;
    for (Recording r : bySeq.values()) {
      if (r.seq() <= momentSeq && r.kind() == FileKind.TARGET && Objects.equals(r.targetPath(), targetPath)
          && (repository == null || Objects.equals(r.repository(), repository))) {
        found = r;
      }
    }
    return Optional.ofNullable(found);
  }

  public synchronized Optional<Recording> byHash(String repository, String sha256Hex) {
    if (repository != null) {
      return Optional.ofNullable(byHash.get(keyOf(repository, sha256Hex)));
    }
    return bySeq.values().stream().filter(r -> r.sha256().equals(sha256Hex)).findFirst();
  }

  public synchronized long totalBytes() {
    return bytes;
  }

  public synchronized void clear() {
    bySeq.clear();
    byHash.clear();
    lastAtPath.clear();
    moments.clear();
    bytes = 0;
  }

  private static String keyOf(String repository, String hash) {
    return repository + "\u0000" + hash;
  }

  private static Long versionOf(byte[] body) {
    try {
      JsonNode v = Json.parse(body).path("signed").path("version");
      return v.canConvertToLong() ? v.asLong() : null;
    } catch (RuntimeException e) {
      return null; // not metadata we can read: still recorded, by hash
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
