package dev.mallory.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on 127.0.0.1 serving a {@link TestRepository}'s files by raw (still encoded)
 * path; unknown paths are 404. Per-path handlers override the files (hostile behaviours), and
 * every request path is recorded.
 */
public final class TestHttpServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's header/body writes meet the client's delayed ACK: 40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-http");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, byte[]> files;
  public final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();

  public TestHttpServer(Map<String, byte[]> files) throws IOException {
    this.files = files;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    requests.add(path);
    try (exchange) {
      HttpHandler custom = handlers.get(path);
      if (custom != null) {
        custom.handle(exchange);
        return;
      }
      byte[] body = files.get(path);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Requests for paths that start with the prefix, in order. */
  public List<String> requestsUnder(String prefix) {
    return requests.stream().filter(p -> p.startsWith(prefix)).toList();
  }

  /** A handler streaming zeros forever (chunked, no length) until the client goes away. */
  public static HttpHandler endless() {
    return exchange -> {
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[8192];
      try (OutputStream out = exchange.getResponseBody()) {
        while (true) {
          out.write(chunk);
        }
      } catch (IOException clientGone) {
        // expected: the client stopped reading at its cap
      }
    };
  }

  /** A handler that sends headers then one byte per {@code gapMillis}. */
  public static HttpHandler drip(long gapMillis) {
    return exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 1000; i++) {
          out.write('x');
          out.flush();
          Thread.sleep(gapMillis);
        }
      } catch (IOException | InterruptedException clientGone) {
        // expected
      }
    };
  }

  public static HttpHandler status(int code) {
    return exchange -> exchange.sendResponseHeaders(code, -1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
