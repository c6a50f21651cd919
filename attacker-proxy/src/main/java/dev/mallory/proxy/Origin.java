package dev.mallory.proxy;

import java.net.InetSocketAddress;

/**
 * Where a request goes: the host the client named (for Host, SNI and the journal) and the loopback
 * address it is routed to.
 */
record Origin(String scheme, String host, int port, InetSocketAddress address) {
  boolean tls() {
    return "https".equals(scheme);
  }

  String hostHeader() {
    boolean defaultPort = tls() ? port == 443 : port == 80;
    return defaultPort ? host : host + ":" + port;
  }
}
