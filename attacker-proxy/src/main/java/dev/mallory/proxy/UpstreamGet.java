package dev.mallory.proxy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking GET to upstream on the attacker's own behalf (attacks fetching a sibling file, a
 * capture). Never on a network thread: it would wait for an answer its own loop has to read.
 */
final class UpstreamGet {
  /** Upstream's status and body ({@code null} unless 200). */
  record Answer(int status, byte[] body) {}

  private UpstreamGet() {}

  /** @param clientPath the path as a client would ask the proxy for it (the reverse base is added) */
  static Answer get(AttackerProxy proxy, Origin origin, String clientPath) throws IOException {
    if (proxy.onNetworkThread()) {
      throw new IllegalStateException("an upstream fetch must not run on the proxy's network threads");
    }
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
        proxy.upstreamPath(clientPath), Unpooled.EMPTY_BUFFER);
    request.headers().set(HttpHeaderNames.HOST, origin.hostHeader());
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    FullHttpResponse response;
    try {
      // The client's own deadline applies inside; this one only guards against a lost answer.
      response = proxy.upstream().send(origin, request).get(proxy.upstreamTimeout().toMillis() + 1000,
          TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + clientPath, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("GET " + clientPath + " from " + origin.hostHeader() + " failed: " + cause.getMessage(),
          cause);
    } catch (TimeoutException e) {
      throw new IOException("GET " + clientPath + " from " + origin.hostHeader() + " got no answer", e);
    }
    try {
      int status = response.status().code();
      return new Answer(status, status == 200 ? ByteBufUtil.getBytes(response.content()) : null);
    } finally {
      response.release();
    }
  }
}
