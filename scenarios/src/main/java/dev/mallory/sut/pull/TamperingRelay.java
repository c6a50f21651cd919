package dev.mallory.sut.pull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mallory.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The attacker in front of a real registry (which is content-addressed and cannot be made to lie
 * itself): a reverse proxy on 127.0.0.1 that forwards pullers' GET and HEAD requests to the
 * registry, except for the blobs, manifests and tags it was told to answer differently. It keeps
 * one journal line per exchange for the evidence.
 */
final class TamperingRelay implements AutoCloseable {
  private record Manifest(String mediaType, byte[] bytes) {}

  private final URI upstream;
  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
  private final Map<String, Digest> tags = new ConcurrentHashMap<>();
  private final List<String> journal = java.util.Collections.synchronizedList(new ArrayList<>());

  TamperingRelay(URI upstream, String name) {
    this.upstream = upstream;
    this.name = name;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot open the relay on 127.0.0.1", e);
    }
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "tampering-relay");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void tamperBlob(Digest digest, byte[] bytes) {
    blobs.put(digest.toString(), bytes.clone());
  }

  void tamperManifest(Digest digest, String mediaType, byte[] bytes) {
    manifests.put(digest.toString(), new Manifest(mediaType, bytes.clone()));
  }

  void tamperTag(String tag, Digest digest) {
    tags.put(tag, digest);
  }

  void stopTampering() {
    blobs.clear();
    manifests.clear();
    tags.clear();
  }

  List<String> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      boolean head = method.equals("HEAD");
      if (!head && !method.equals("GET")) {
        reply(exchange, 405, "text/plain", "the relay forwards pulls only".getBytes(), false, "refused " + method);
        return;
      }
      String blobPrefix = "/v2/" + name + "/blobs/";
      String manifestPrefix = "/v2/" + name + "/manifests/";
      if (path.startsWith(blobPrefix) && blobs.containsKey(path.substring(blobPrefix.length()))) {
        reply(exchange, 200, "application/octet-stream", blobs.get(path.substring(blobPrefix.length())), head, "tampered blob");
        return;
      }
      if (path.startsWith(manifestPrefix)) {
        String reference = path.substring(manifestPrefix.length());
        Digest moved = tags.get(reference);
        if (moved != null) {
          reference = moved.toString();
          path = manifestPrefix + reference;
        }
        Manifest forged = manifests.get(reference);
        if (forged != null) {
          reply(exchange, 200, forged.mediaType(), forged.bytes(), head, "tampered manifest" + (moved != null ? " under a moved tag" : ""));
          return;
        }
        if (moved != null) {
          forward(exchange, path, head, "tag moved to " + moved);
          return;
        }
      }
      forward(exchange, path, head, "forwarded");
    }
  }

  private void forward(HttpExchange exchange, String path, boolean head, String note) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query)))
        .timeout(Duration.ofMinutes(2))
        .method(head ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody());
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<InputStream> r;
    try {
      r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    for (String h : List.of("Content-Type", "Docker-Content-Digest", "Docker-Distribution-Api-Version")) {
      r.headers().firstValue(h).ifPresent(v -> exchange.getResponseHeaders().set(h, v));
    }
    long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    journal.add(exchange.getRequestMethod() + " " + path + " -> " + r.statusCode() + " (" + note + ")");
    try (InputStream in = r.body()) {
      if (head) {
        exchange.getResponseHeaders().set("Content-Length", Long.toString(Math.max(length, 0)));
        exchange.sendResponseHeaders(r.statusCode(), -1);
        return;
      }
      exchange.sendResponseHeaders(r.statusCode(), length < 0 ? 0 : (length == 0 ? -1 : length));
      try (OutputStream out = exchange.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  private void reply(HttpExchange exchange, int status, String type, byte[] body, boolean head, String note) throws IOException {
    journal.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " -> " + status + " ("
        + note + ", " + body.length + " B)");
    exchange.getResponseHeaders().set("Content-Type", type);
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
