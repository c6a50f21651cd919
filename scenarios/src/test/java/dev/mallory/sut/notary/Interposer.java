package dev.mallory.sut.notary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mallory.external.LoopbackHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny loopback HTTP interposer for tests: forwards GETs to the upstream Notary server, except
 * paths it was told to answer itself (a replayed timestamp, target bytes under {@code /targets/}).
 */
final class Interposer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final URI upstream;
  /** Path suffix to the bytes served instead of the upstream's. */
  private final Map<String, byte[]> overrides = new ConcurrentHashMap<>();

  Interposer(URI upstream) throws IOException {
    this.upstream = upstream;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  URI targetsUrl() {
    return URI.create(url() + "/targets/");
  }

  /** Answer every request whose path ends with {@code suffix} with {@code body} (200). */
  void override(String suffix, byte[] body) {
    overrides.put(suffix, body);
  }

  void clear() {
    overrides.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      byte[] body = null;
      int status = 200;
      for (Map.Entry<String, byte[]> e : overrides.entrySet()) {
        if (path.endsWith(e.getKey())) {
          body = e.getValue();
        }
      }
      if (body == null && path.startsWith("/targets/")) {
        status = 404;
        body = new byte[0];
      }
      if (body == null) {
        LoopbackHttp.Response r = LoopbackHttp.get(URI.create(upstream + exchange.getRequestURI().toString()), 32 << 20);
        status = r.status();
        body = r.body();
      }
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
