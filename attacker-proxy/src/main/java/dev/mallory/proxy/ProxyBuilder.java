package dev.mallory.proxy;

import dev.mallory.journal.Journal;
import dev.mallory.journal.Recorder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of an {@link AttackerProxy}, from {@link AttackerProxy#reverse(URI)} or
 * {@link AttackerProxy#forward()}; every limit has a safe default.
 */
public final class ProxyBuilder {
  private final URI upstream;
  private int port;
  private int controlPort = -1;
  private int threads = 0;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration upstreamTimeout = Duration.ofSeconds(30);
  private int maxRequestBytes = 16 * 1024 * 1024;
  private int maxResponseBytes = 256 * 1024 * 1024;
  private int journalCapacity = Journal.DEFAULT_CAPACITY;
  private long recorderMaxBytes = Recorder.DEFAULT_MAX_BYTES;
  private Clock clock = Clock.systemUTC();
  private final Map<String, InetSocketAddress> routes = new HashMap<>();
  private final Map<String, URI> pathRoutes = new HashMap<>();

  /** @param upstream the reverse upstream base URL, checked; null for a forward proxy */
  ProxyBuilder(URI upstream) {
    this.upstream = upstream == null ? null : requireHttpUrl(upstream);
  }

  private static URI requireHttpUrl(URI upstream) {
    String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || upstream.getHost() == null) {
      throw new IllegalArgumentException("upstream must be an http:// or https:// URL with a host: " + upstream);
    }
    return upstream;
  }

  /** Listening port on 127.0.0.1; 0 (default) picks a free one. */
  public ProxyBuilder port(int port) {
    this.port = port;
    return this;
  }

  /** Also serve the REST control API on this 127.0.0.1 port (0 = a free one). Off by default. */
  public ProxyBuilder controlPort(int port) {
    this.controlPort = port;
    return this;
  }

  public ProxyBuilder threads(int threads) {
    this.threads = threads;
    return this;
  }

  public ProxyBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = timeout;
    return this;
  }

  /** Deadline for upstream's whole answer. */
  public ProxyBuilder upstreamTimeout(Duration timeout) {
    this.upstreamTimeout = timeout;
    return this;
  }

  /** Largest request body accepted from clients (larger: 413). */
  public ProxyBuilder maxRequestBytes(int bytes) {
    this.maxRequestBytes = bytes;
    return this;
  }

  /** Largest upstream body the proxy will hold (larger: 502). */
  public ProxyBuilder maxResponseBytes(int bytes) {
    this.maxResponseBytes = bytes;
    return this;
  }

  public ProxyBuilder journalCapacity(int entries) {
    this.journalCapacity = entries;
    return this;
  }

  public ProxyBuilder recorderMaxBytes(long bytes) {
    this.recorderMaxBytes = bytes;
    return this;
  }

  /** The clock for journal times and for attack expiries such as {@code "P1D"}. */
  public ProxyBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /**
   * Forward mode: send requests for {@code host} (any port) to this loopback address. Only
   * 127.0.0.1 / ::1 addresses are accepted: the attacker never leaves the machine.
   */
  public ProxyBuilder route(String host, InetSocketAddress address) {
    if (!address.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("routes must stay on loopback, not " + address);
    }
    routes.put(host.toLowerCase(Locale.ROOT), address);
    return this;
  }

  /**
   * Reverse mode: requests whose path starts with {@code pathPrefix} go to this other upstream
   * (its base path prepended), the rest to the main one; the longest matching prefix wins. For
   * deployments where one name serves from two origins (a Notary server and the content server
   * beside it). Upstreams stay on loopback like the main one.
   */
  public ProxyBuilder reverseRoute(String pathPrefix, URI upstream) {
    if (this.upstream == null) {
      throw new IllegalStateException("path routes are for reverse mode");
    }
    if (!pathPrefix.startsWith("/")) {
      throw new IllegalArgumentException("a path prefix starts with '/': " + pathPrefix);
    }
    pathRoutes.put(pathPrefix, requireHttpUrl(upstream));
    return this;
  }

  public AttackerProxy start() {
    return AttackerProxy.start(new ProxySettings(upstream, port, controlPort, threads, connectTimeout,
        upstreamTimeout, maxRequestBytes, maxResponseBytes, journalCapacity, recorderMaxBytes, clock, routes,
        pathRoutes));
  }
}
