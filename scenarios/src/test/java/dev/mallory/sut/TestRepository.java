package dev.mallory.sut;

import com.sun.net.httpserver.HttpServer;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Role;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TUF 1.0 repository built at test time with Mallory's own signer (fresh Ed25519 keys, nothing
 * committed), served on 127.0.0.1 by the JDK HttpServer. It serves whatever {@link #files} holds,
 * so a test plays the attacker by editing that map; every published version stays available for
 * replays.
 */
final class TestRepository implements AutoCloseable {
  static {
    System.setProperty("sun.net.httpserver.nodelay", "true"); // else ~40 ms per request (Nagle + delayed ACK)
  }

  /** URL path without the leading slash, to the bytes served there. */
  final Map<String, byte[]> files = new ConcurrentHashMap<>();

  final SigningKey rootKey = key();
  final SigningKey timestampKey = key();
  final SigningKey snapshotKey = key();
  final SigningKey targetsKey = key();
  final boolean consistentSnapshot;

  private final Map<String, byte[]> targets = new TreeMap<>();
  private final Map<Long, byte[]> timestamps = new TreeMap<>();
  private final Map<Long, byte[]> targetsVersions = new TreeMap<>();
  private final HttpServer server;
  private final byte[] rootBytes;
  private long version;
  Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

  TestRepository(boolean consistentSnapshot) throws IOException {
    this.consistentSnapshot = consistentSnapshot;
    rootBytes = signRoot(rootKey, List.of(timestampKey, snapshotKey, targetsKey), 1, consistentSnapshot);
    files.put("metadata/1.root.json", rootBytes);
    files.put("metadata/root.json", rootBytes);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getPath().substring(1));
      try (OutputStream out = exchange.getResponseBody()) {
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          exchange.sendResponseHeaders(200, body.length);
          out.write(body);
        }
      }
    });
    server.start();
  }

  static SigningKey key() {
    return KeyGenerator.generate(KeyAlgorithm.ED25519, KeyEncoding.TUF);
  }

  /** A version-{@code version} root whose keys are {@code root} and, for timestamp/snapshot/targets, {@code others}; self-signed. */
  static byte[] signRoot(SigningKey root, List<SigningKey> others, long version, boolean consistentSnapshot) {
    Map<String, Key> keys = new LinkedHashMap<>();
    Map<String, Role> roles = new LinkedHashMap<>();
    keys.put(root.keyId(), root.publicKey());
    roles.put("root", new Role(List.of(root.keyId()), 1));
    String[] names = {"timestamp", "snapshot", "targets"};
    for (int i = 0; i < 3; i++) {
      keys.put(others.get(i).keyId(), others.get(i).publicKey());
      roles.put(names[i], new Role(List.of(others.get(i).keyId()), 1));
    }
    Root signed = new Root(version, Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS),
        Dialect.SPEC_VERSION, consistentSnapshot, keys, roles, Map.of());
    return Dialect.TUF_1_0.sign(signed, List.of(root)).raw();
  }

  URI metadataUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metadata/");
  }

  URI targetsUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/targets/");
  }

  byte[] rootBytes() {
    return rootBytes.clone();
  }

  void addTarget(String name, String content) {
    targets.put(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes targets, snapshot and timestamp at the next version (1, 2, ...), all signed by the repository's keys. */
  long publish() {
    return publish(targetsKey);
  }

  /** Same, but targets signed by {@code signer} (an attacker's key, say). */
  long publish(SigningKey signer) {
    version++;
    Map<String, TargetFile> listed = new TreeMap<>();
    for (var target : targets.entrySet()) {
      String sha256 = sha256(target.getValue());
      listed.put(target.getKey(), new TargetFile(target.getValue().length, Map.of("sha256", sha256), null));
      files.put(targetUrlPath(target.getKey(), sha256), target.getValue());
    }
    byte[] targetsJson = Dialect.TUF_1_0.sign(
        new Targets(version, expires, Dialect.SPEC_VERSION, listed, Optional.empty(), Map.of()), List.of(signer)).raw();
    targetsVersions.put(version, targetsJson);
    files.put("metadata/" + name(version, "targets"), targetsJson);
    byte[] snapshotJson = Dialect.TUF_1_0.sign(
        new Snapshot(version, expires, Dialect.SPEC_VERSION, Map.of("targets", MetaFile.ofVersion(version)), Map.of()),
        List.of(snapshotKey)).raw();
    files.put("metadata/" + name(version, "snapshot"), snapshotJson);
    byte[] timestampJson = Dialect.TUF_1_0.sign(
        new Timestamp(version, expires, Dialect.SPEC_VERSION,
            new MetaFile(OptionalLong.of(version), OptionalLong.of(snapshotJson.length), Map.of("sha256", sha256(snapshotJson))), Map.of()),
        List.of(timestampKey)).raw();
    timestamps.put(version, timestampJson);
    files.put("metadata/timestamp.json", timestampJson);
    return version;
  }

  private String name(long v, String role) {
    return consistentSnapshot ? v + "." + role + ".json" : role + ".json";
  }

  byte[] timestamp(long v) {
    return timestamps.get(v);
  }

  /** The URL path a target's current bytes are served at (hash-prefixed under consistent snapshots). */
  String targetUrlPath(String name) {
    return targetUrlPath(name, sha256(targets.get(name)));
  }

  private String targetUrlPath(String name, String sha256) {
    int slash = name.lastIndexOf('/');
    String file = consistentSnapshot ? sha256 + "." + name.substring(slash + 1) : name.substring(slash + 1);
    return "targets/" + name.substring(0, slash + 1) + file;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
