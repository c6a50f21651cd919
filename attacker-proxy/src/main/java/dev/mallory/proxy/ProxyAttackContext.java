package dev.mallory.proxy;

import dev.mallory.attack.AttackContext;
import dev.mallory.attack.KeyStore;
import dev.mallory.classify.Classifier;
import dev.mallory.journal.Recorder;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/** What one applied attack sees while deciding one exchange. */
final class ProxyAttackContext implements AttackContext {
  private final AttackerProxy proxy;
  private final Origin origin;
  private final AppliedAttack applied;

  ProxyAttackContext(AttackerProxy proxy, Origin origin, AppliedAttack applied) {
    this.proxy = proxy;
    this.origin = origin;
    this.applied = applied;
  }

  @Override
  public Recorder recorder() {
    return proxy.recorder();
  }

  @Override
  public KeyStore keys() {
    return proxy.keys();
  }

  @Override
  public Clock clock() {
    return proxy.clock();
  }

  @Override
  public Optional<byte[]> fetch(String path) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
        proxy.upstreamPath(path), Unpooled.EMPTY_BUFFER);
    // Reverse mode: the path may belong to another upstream than the exchange's (a path route).
    Origin origin = proxy.isForward() ? this.origin : proxy.reverseOrigin(path);
    request.headers().set(HttpHeaderNames.HOST, origin.hostHeader());
    request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
    FullHttpResponse response;
    try {
      response = proxy.upstream().send(origin, request)
          .get(proxy.upstreamTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
    try {
      if (response.status().code() != 200) {
        return Optional.empty();
      }
      byte[] body = ByteBufUtil.getBytes(response.content());
      proxy.recorder().record(Classifier.classify("GET", path), body);
      return Optional.of(body);
    } finally {
      response.release();
    }
  }

  @Override
  public ConcurrentMap<String, Object> state() {
    return applied.state();
  }
}
