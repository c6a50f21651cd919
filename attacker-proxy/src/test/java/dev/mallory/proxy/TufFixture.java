package dev.mallory.proxy;

import com.sun.net.httpserver.HttpServer;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.journal.Recorder;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A small TUF 1.0 repository signed at run time, served by the JDK's HttpServer on 127.0.0.1:
 * {@code /metadata/role.json}, {@code /metadata/N.role.json}, {@code /targets/<path>}.
 */
final class TufFixture implements AutoCloseable {
  static final Dialect D = Dialect.TUF_1_0;
  final SigningKey rootKey = key();
  final SigningKey timestampKey = key();
  final SigningKey snapshotKey = key();
  final SigningKey targetsKey = key();
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final Map<String, byte[]> targets = new LinkedHashMap<>();
  private final HttpServer server;
  private final Instant expires = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  long version;

  TufFixture() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getRawPath());
      exchange.getRequestBody().readAllBytes();
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    Map<String, Key> keys = new LinkedHashMap<>();
    for (SigningKey k : List.of(rootKey, timestampKey, snapshotKey, targetsKey)) {
      keys.put(k.keyId(), k.publicKey());
    }
    Root root = new Root(1, expires, Dialect.SPEC_VERSION, true, keys, Map.of(
        "root", new Role(List.of(rootKey.keyId()), 1), "timestamp", new Role(List.of(timestampKey.keyId()), 1),
        "snapshot", new Role(List.of(snapshotKey.keyId()), 1), "targets", new Role(List.of(targetsKey.keyId()), 1)),
        Map.of());
    byte[] rootBytes = D.sign(root, List.of(rootKey)).raw();
    files.put("/metadata/1.root.json", rootBytes);
    files.put("/metadata/root.json", rootBytes);
    targets.put("a.txt", "genuine a".getBytes(StandardCharsets.UTF_8));
    targets.put("b.txt", "genuine b, a different program".getBytes(StandardCharsets.UTF_8));
    publish();
  }

  static SigningKey key() {
    return KeyGenerator.generate(KeyAlgorithm.ED25519, KeyEncoding.TUF);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A new version of targets, snapshot and timestamp (all at the same version number). */
  synchronized void publish() {
    version++;
    Map<String, TargetFile> listed = new LinkedHashMap<>();
    targets.forEach((path, bytes) -> {
      listed.put(path, new TargetFile(bytes.length, Map.of("sha256", Recorder.sha256Hex(bytes)), null));
      files.put("/targets/" + path, bytes);
    });
    byte[] t = D.sign(new Targets(version, expires, Dialect.SPEC_VERSION, listed, Optional.empty(), Map.of()),
        List.of(targetsKey)).raw();
    byte[] s = D.sign(new Snapshot(version, expires, Dialect.SPEC_VERSION,
        Map.of("targets", MetaFile.ofVersion(version)), Map.of()), List.of(snapshotKey)).raw();
    byte[] ts = D.sign(new Timestamp(version, expires, Dialect.SPEC_VERSION,
        new MetaFile(OptionalLong.of(version), OptionalLong.of(s.length), Map.of("sha256", Recorder.sha256Hex(s))),
        Map.of()), List.of(timestampKey)).raw();
    put("targets", t);
    put("snapshot", s);
    put("timestamp", ts);
  }

  private void put(String role, byte[] bytes) {
    files.put("/metadata/" + role + ".json", bytes);
    files.put("/metadata/" + version + "." + role + ".json", bytes);
  }

  byte[] file(String path) {
    return files.get(path);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
