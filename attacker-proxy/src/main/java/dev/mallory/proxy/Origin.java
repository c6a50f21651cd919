package dev.mallory.proxy;

import java.net.InetSocketAddress;

/**
 * Where a request goes: the host the client named (for Host, SNI and the journal) and the loopback
 * address it is routed to.
 *
 * @param hostHeader {@code host[:port]} as a Host header names it (the port only when not the
 *     scheme's default); derived, kept so that each request does not build it again
 */
record Origin(String scheme, String host, int port, InetSocketAddress address, String hostHeader) {
  Origin(String scheme, String host, int port, InetSocketAddress address) {
    this(scheme, host, port, address, hostHeader(scheme, host, port));
  }

  boolean tls() {
    return "https".equals(scheme);
  }

  private static String hostHeader(String scheme, String host, int port) {
    boolean defaultPort = "https".equals(scheme) ? port == 443 : port == 80;
    return defaultPort ? host : host + ":" + port;
  }
}
