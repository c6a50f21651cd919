package dev.mallory.proxy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a proxy runs with, fixed when it starts (see {@link ProxyBuilder} for each setting): a
 * builder changed after {@link ProxyBuilder#start()} does not reach the running proxy.
 *
 * @param upstream the reverse upstream base URL; null in forward mode
 */
record ProxySettings(URI upstream, int port, int controlPort, int threads, Duration connectTimeout,
    Duration upstreamTimeout, int maxRequestBytes, int maxResponseBytes, int journalCapacity, long recorderMaxBytes,
    Clock clock, Map<String, InetSocketAddress> routes, Map<String, URI> pathRoutes) {
  ProxySettings {
    routes = Map.copyOf(routes);
    pathRoutes = Map.copyOf(pathRoutes);
  }
}
