package dev.mallory.proxy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each request goes upstream. Reverse mode: the main upstream, or the upstream of the longest
 * path prefix routed elsewhere, with that upstream's base path prepended. Forward mode: a host's
 * named route, else 127.0.0.1 on the port the client asked for. Never another address: routes are
 * checked to be loopback when they are given ({@link ProxyBuilder#route}).
 */
final class UpstreamRoutes {
  /** A path prefix served by another upstream in reverse mode. */
  private record PathRoute(String prefix, Origin origin, String basePath) {}

  private final Map<String, InetSocketAddress> hostRoutes;
  private final Origin reverseOrigin;
  private final String reverseBasePath;
  /** Longest prefix first. */
  private final List<PathRoute> pathRoutes;

  /**
   * @param upstream the reverse upstream base URL; null in forward mode
   * @param hostRoutes forward mode: lower-case host name to a loopback address
   * @param pathRoutes reverse mode: path prefix to the base URL of the upstream serving it
   */
  UpstreamRoutes(URI upstream, Map<String, InetSocketAddress> hostRoutes, Map<String, URI> pathRoutes) {
    this.hostRoutes = Map.copyOf(hostRoutes);
    this.reverseOrigin = upstream == null ? null : origin(upstream);
    this.reverseBasePath = upstream == null ? "" : basePath(upstream);
    List<PathRoute> routes = new ArrayList<>();
    pathRoutes.forEach((prefix, u) -> routes.add(new PathRoute(prefix, origin(u), basePath(u))));
    routes.sort(Comparator.comparingInt((PathRoute r) -> r.prefix().length()).reversed());
    this.pathRoutes = List.copyOf(routes);
  }

  /** Reverse mode: the upstream serving a client path (a path route, else the main upstream). */
  Origin reverseOrigin(String clientPath) {
    for (PathRoute r : pathRoutes) {
      if (clientPath.startsWith(r.prefix())) {
        return r.origin();
      }
    }
    return reverseOrigin;
  }

  /** The path sent upstream for a client path: the reverse base path (of its route) is prepended. */
  String upstreamPath(String clientPath) {
    if (reverseOrigin == null) {
      return clientPath;
    }
    for (PathRoute r : pathRoutes) {
      if (clientPath.startsWith(r.prefix())) {
        return r.basePath() + clientPath;
      }
    }
    return reverseBasePath + clientPath;
  }

  /** Forward mode routing: named routes, else loopback on the same port. Never another address. */
  Origin route(String scheme, String host, int port) {
    InetSocketAddress address = hostRoutes.get(host.toLowerCase(Locale.ROOT));
    if (address == null) {
      address = new InetSocketAddress("127.0.0.1", port);
    }
    return new Origin(scheme, host, port, address);
  }

  private Origin origin(URI u) {
    int port = u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    return route(u.getScheme(), u.getHost(), port);
  }

  private static String basePath(URI u) {
    String p = u.getRawPath() == null ? "" : u.getRawPath();
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
