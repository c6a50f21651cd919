package dev.mallory.shim.sigstore;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal TUF 1.0 repository built at test time (nothing signed is committed): one fresh
 * Ed25519 key per top-level role, consistent snapshots, served over HTTP on 127.0.0.1 by the JDK's
 * HttpServer. Layout: metadata/1.root.json, metadata/timestamp.json, metadata/N.snapshot.json,
 * metadata/N.targets.json, targets/&lt;sha256&gt;.&lt;name&gt; (the hash on the last path segment).
 *
 * <p>It serves whatever {@link #files} holds, so a test plays attacker by editing that map.
 */
final class TestRepo implements AutoCloseable {
  private static final String SPEC_VERSION = "1.0.31";
  private static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");

  /** URL path (without the leading slash) to the bytes served there. */
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** Every path requested, in order, 404s included. */
  final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

  private final Map<String, KeyPair> keys = new LinkedHashMap<>();
  private final Map<String, byte[]> targets = new TreeMap<>();
  private final Map<Long, byte[]> timestamps = new TreeMap<>();
  private final Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
  private final HttpServer server;
  private long version;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: about 40 ms per request, which would swamp any timing we look at.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  TestRepo() throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    for (String role : ROLES) {
      keys.put(role, generator.generateKeyPair());
    }
    files.put("metadata/1.root.json", sign("root", root()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath().substring(1);
      requests.add(path);
      byte[] body = files.get(path);
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

  String metadataUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metadata/";
  }

  String targetsUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/targets/";
  }

  byte[] rootBytes() {
    return files.get("metadata/1.root.json");
  }

  void addTarget(String name, String content) {
    targets.put(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Publishes targets, snapshot and timestamp at the next version (1, 2, ...). */
  void publish() throws GeneralSecurityException {
    version++;
    Map<String, Object> targetInfo = new TreeMap<>();
    for (var target : targets.entrySet()) {
      String sha256 = sha256(target.getValue());
      targetInfo.put(target.getKey(), Map.of("length", target.getValue().length, "hashes", Map.of("sha256", sha256)));
      files.put(servedPath(target.getKey(), sha256), target.getValue());
    }
    byte[] targetsJson = sign("targets", signed("targets", Map.of("targets", targetInfo)));
    files.put("metadata/" + version + ".targets.json", targetsJson);
    byte[] snapshotJson = sign("snapshot", signed("snapshot",
        Map.of("meta", Map.of("targets.json", Map.of("version", version)))));
    files.put("metadata/" + version + ".snapshot.json", snapshotJson);
    byte[] timestampJson = sign("timestamp", signed("timestamp", Map.of("meta", Map.of("snapshot.json",
        Map.of("version", version, "length", snapshotJson.length, "hashes", Map.of("sha256", sha256(snapshotJson)))))));
    timestamps.put(version, timestampJson);
    files.put("metadata/timestamp.json", timestampJson);
  }

  /** The timestamp.json bytes published at {@code v}, for replay (rollback) attacks. */
  byte[] timestamp(long v) {
    return timestamps.get(v);
  }

  /** Path of the served (hash-prefixed) file of a target. */
  String targetPath(String name) {
    return servedPath(name, sha256(targets.get(name)));
  }

  /** The hash prefixes the file name, not the path: a/b.txt is served as targets/a/HASH.b.txt. */
  private static String servedPath(String name, String sha256) {
    int slash = name.lastIndexOf('/');
    return "targets/" + name.substring(0, slash + 1) + sha256 + "." + name.substring(slash + 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private Map<String, Object> root() {
    Map<String, Object> keyObjects = new TreeMap<>();
    Map<String, Object> roles = new TreeMap<>();
    for (var entry : keys.entrySet()) {
      Map<String, Object> key = publicKey(entry.getValue());
      String keyid = sha256(canonical(key).getBytes(StandardCharsets.UTF_8));
      keyObjects.put(keyid, key);
      roles.put(entry.getKey(), Map.of("keyids", List.of(keyid), "threshold", 1));
    }
    Map<String, Object> root = new TreeMap<>(Map.of("consistent_snapshot", true, "keys", keyObjects, "roles", roles));
    return signed("root", root, 1);
  }

  private Map<String, Object> signed(String type, Map<String, Object> body) {
    return signed(type, body, version);
  }

  private Map<String, Object> signed(String type, Map<String, Object> body, long v) {
    Map<String, Object> signed = new TreeMap<>(body);
    signed.put("_type", type);
    signed.put("spec_version", SPEC_VERSION);
    signed.put("version", v);
    signed.put("expires", expires.toString());
    return signed;
  }

  /** {@code {keytype, scheme, keyval: {public: hex of the raw 32-byte key}}}. */
  private static Map<String, Object> publicKey(KeyPair pair) {
    byte[] spki = pair.getPublic().getEncoded();
    // An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte header followed by the raw key.
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return Map.of("keytype", "ed25519", "scheme", "ed25519", "keyval", Map.of("public", HexFormat.of().formatHex(raw)));
  }

  private byte[] sign(String role, Map<String, Object> signed) throws GeneralSecurityException {
    KeyPair pair = keys.get(role);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(canonical(signed).getBytes(StandardCharsets.UTF_8));
    String keyid = sha256(canonical(publicKey(pair)).getBytes(StandardCharsets.UTF_8));
    Map<String, Object> envelope = Map.of(
        "signed", signed,
        "signatures", List.of(Map.of("keyid", keyid, "sig", HexFormat.of().formatHex(signer.sign()))));
    return canonical(envelope).getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Canonical JSON (OLPC / securesystemslib): keys sorted, no whitespace, only {@code "} and
   * {@code \} escaped. Enough for the maps, lists, strings, integers and booleans built here.
   */
  static String canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      new TreeMap<>(map).forEach((k, v) ->
          out.append(out.length() > 1 ? "," : "").append(canonical(k)).append(':').append(canonical(v)));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(canonical(v)));
      return out.append(']').toString();
    }
    if (value instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    return String.valueOf(value); // Integer, Long, Boolean
  }
}
