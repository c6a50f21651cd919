package dev.mallory.registry;

import dev.mallory.registry.errors.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A small Registry v2 HTTP client for the reference registry and the real docker-registry:
 * pushes blobs (monolithic, or chunked with PATCH) and manifests, fetches both with a byte cap.
 * It verifies nothing itself: callers compare what it returns against what is signed.
 *
 * <p>Upload details that matter with distribution 2.8 (notary.md 11): the upload {@code Location}
 * is absolute and carries {@code _state}, so it is followed as given and {@code digest} is appended
 * with {@code &}; bodies are sent as {@code application/octet-stream} (otherwise Go's form parsing
 * eats them).
 */
public final class RegistryClient {
  /** Receives a blob's bytes in order. */
  @FunctionalInterface
  public interface Sink {
    void accept(byte[] chunk, int offset, int count) throws IOException;
  }

  /** A fetched document: its bytes (at most the cap), its Content-Type, and whether more was sent. */
  public record Fetched(byte[] bytes, String contentType, boolean overCap) {}

  private static final int COPY_BUFFER = 256 * 1024;
  private final URI base;
  private final HttpClient http;
  private final int chunkBytes;
  private final Duration timeout;

  public RegistryClient(URI base) {
    this(base, 16 * 1024 * 1024, Duration.ofMinutes(5));
  }

  /**
   * @param chunkBytes blobs larger than this are uploaded in PATCH chunks of this size
   * @param timeout per request, headers and body
   */
  public RegistryClient(URI base, int chunkBytes, Duration timeout) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.chunkBytes = chunkBytes;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
  }

  public URI base() {
    return base;
  }

  /** {@code 127.0.0.1:PORT}: how Docker names the registry in a GUN. */
  public String host() {
    return base.getAuthority();
  }

  /** {@code GET /v2/} answers 200. */
  public void ping() {
    HttpResponse<byte[]> r = send(request("/v2/").GET(), "GET /v2/");
    expect(r, 200, "GET /v2/");
  }

  /** Uploads a blob (chunked when larger than the chunk size) and returns its digest. */
  public Digest pushBlob(String name, byte[] bytes) {
    Digest digest = Digest.of(bytes);
    String what = "upload " + digest + " to " + name;
    HttpResponse<byte[]> started = send(request("/v2/" + name + "/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()), what);
    expect(started, 202, what);
    URI location = location(started, what);
    int at = 0;
    if (bytes.length > chunkBytes) {
      while (at < bytes.length) {
        int n = Math.min(chunkBytes, bytes.length - at);
        HttpResponse<byte[]> patched = send(HttpRequest.newBuilder(location).timeout(timeout)
            .header("Content-Type", "application/octet-stream")
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes, at, n)), what);
        expect(patched, 202, what);
        location = location(patched, what);
        at += n;
      }
    }
    String sep = location.getRawQuery() == null ? "?" : "&";
    URI put = URI.create(location + sep + "digest=" + digest);
    HttpResponse<byte[]> done = send(HttpRequest.newBuilder(put).timeout(timeout)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes, at, bytes.length - at)), what);
    expect(done, 201, what);
    return digest;
  }

  /** {@code PUT /v2/<name>/manifests/<reference>}; returns the digest the registry reports. */
  public Digest pushManifest(String name, String reference, String mediaType, byte[] bytes) {
    String what = "PUT manifest " + name + ":" + reference;
    HttpResponse<byte[]> r = send(request("/v2/" + name + "/manifests/" + reference)
        .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), what);
    expect(r, 201, what);
    return r.headers().firstValue("Docker-Content-Digest").map(Digest::parse).orElse(Digest.of(bytes));
  }

  /** {@code GET /v2/<name>/manifests/<reference>}, reading at most {@code maxBytes}. */
  public Fetched getManifest(String name, String reference, long maxBytes) {
    String what = "GET manifest " + name + "@" + reference;
    HttpResponse<InputStream> r = stream(request("/v2/" + name + "/manifests/" + reference)
        .header("Accept", MediaTypes.ACCEPT).GET(), what);
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new RegistryException(what, r.statusCode(), new String(in.readNBytes(512), StandardCharsets.UTF_8));
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      boolean over = bytes.length > maxBytes;
      return new Fetched(over ? Arrays.copyOf(bytes, (int) maxBytes) : bytes,
          r.headers().firstValue("Content-Type").orElse(null), over);
    } catch (IOException e) {
      throw new RegistryException(what, e);
    }
  }

  /**
   * {@code GET /v2/<name>/blobs/<digest>} streamed into {@code sink}, never more than
   * {@code maxBytes}: the transfer stops as soon as the cap is passed (endless data).
   *
   * @return bytes passed to the sink, or {@code maxBytes + 1} when the registry sent more
   */
  public long getBlob(String name, Digest digest, long maxBytes, Sink sink) {
    String what = "GET blob " + name + "@" + digest;
    HttpResponse<InputStream> r = stream(request("/v2/" + name + "/blobs/" + digest).GET(), what);
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw new RegistryException(what, r.statusCode(), new String(in.readNBytes(512), StandardCharsets.UTF_8));
      }
      byte[] buffer = new byte[COPY_BUFFER];
      long total = 0;
      int n;
      while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - total))) > 0) {
        total += n;
        if (total > maxBytes) {
          return total;
        }
        sink.accept(buffer, 0, n);
        if (total == maxBytes) {
          return in.read() == -1 ? total : total + 1; // probe one byte past the cap
        }
      }
      return total;
    } catch (IOException e) {
      throw new RegistryException(what, e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
  }

  private URI location(HttpResponse<?> r, String what) {
    String loc = r.headers().firstValue("Location")
        .orElseThrow(() -> new RegistryException(what + ": no Location header", r.statusCode(), null));
    return URI.create(base + "/").resolve(loc); // absolute (distribution) or relative (reference)
  }

  private static void expect(HttpResponse<byte[]> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new RegistryException(what, r.statusCode(), new String(r.body(), 0, Math.min(512, r.body().length), StandardCharsets.UTF_8));
    }
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder b, String what) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RegistryException(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(what, e);
    }
  }

  private HttpResponse<InputStream> stream(HttpRequest.Builder b, String what) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new RegistryException(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(what, e);
    }
  }
}
