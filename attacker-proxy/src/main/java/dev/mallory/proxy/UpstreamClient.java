package dev.mallory.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 to upstream over pooled keep-alive connections, one pool per origin and event loop. Every
 * answer is bounded: connect timeout, a deadline for the whole response, and a maximum body size (an
 * endless upstream is an error, not an out-of-memory).
 *
 * <p>A request sent from a client connection's event loop goes out on an upstream connection of the
 * same loop: acquiring, writing, reading and answering the client then happen on one thread, with
 * no hand-over between threads (each one costs a wake-up, which on a loaded machine is most of a
 * proxied request's added latency).
 */
final class UpstreamClient {
  private static final AttributeKey<CompletableFuture<FullHttpResponse>> PENDING =
      AttributeKey.valueOf("mallory.upstream.pending");

  private final Bootstrap bootstrap;
  private final SslContext tls;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final EventLoopGroup group;
  private final ConcurrentHashMap<PoolKey, SimpleChannelPool> pools = new ConcurrentHashMap<>();

  private record PoolKey(Origin origin, EventLoop loop) {}

  UpstreamClient(EventLoopGroup group, SslContext tls, Duration connectTimeout, Duration timeout, int maxResponseBytes) {
    this.group = group;
    this.tls = tls;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true);
  }

  /** As {@link #send(Origin, FullHttpRequest, EventLoop)} on any event loop (attacks fetching). */
  CompletableFuture<FullHttpResponse> send(Origin origin, FullHttpRequest request) {
    return send(origin, request, null);
  }

  /**
   * Sends the request (taking ownership of it) on a connection of {@code loop} (null: any); the
   * future owns the response it completes with, and completes on that loop.
   */
  CompletableFuture<FullHttpResponse> send(Origin origin, FullHttpRequest request, EventLoop loop) {
    CompletableFuture<FullHttpResponse> result = new CompletableFuture<>();
    EventLoop on = loop != null ? loop : group.next();
    SimpleChannelPool pool = pools.get(new PoolKey(origin, on));
    if (pool == null) {
      pool = pools.computeIfAbsent(new PoolKey(origin, on), k -> new SimpleChannelPool(
          bootstrap.clone(k.loop()).remoteAddress(k.origin().address()), new PoolHandler(k.origin())));
    }
    SimpleChannelPool chosen = pool;
    chosen.acquire().addListener((io.netty.util.concurrent.Future<Channel> acquired) -> {
      if (!acquired.isSuccess()) {
        request.release();
        result.completeExceptionally(new IOException("cannot connect to " + origin.hostHeader() + " at "
            + origin.address() + ": " + acquired.cause().getMessage(), acquired.cause()));
        return;
      }
      Channel ch = acquired.getNow();
      CompletableFuture<FullHttpResponse> pending = new CompletableFuture<>();
      ch.attr(PENDING).set(pending);
      var timer = ch.eventLoop().schedule(() -> {
        if (pending.completeExceptionally(new TimeoutException("upstream " + origin.hostHeader()
            + " did not answer within " + timeout.toMillis() + " ms"))) {
          ch.close();
        }
      }, timeout.toMillis(), TimeUnit.MILLISECONDS);
      pending.whenComplete((response, error) -> {
        timer.cancel(false);
        ch.attr(PENDING).set(null);
        if (error != null || !HttpUtil.isKeepAlive(response) || !ch.isActive()) {
          ch.close();
        }
        chosen.release(ch);
        if (error != null) {
          result.completeExceptionally(error);
        } else if (!result.complete(response)) {
          response.release();
        }
      });
      ch.writeAndFlush(request).addListener(written -> {
        if (!written.isSuccess()) {
          pending.completeExceptionally(written.cause());
        }
      });
    });
    return result;
  }

  private final class PoolHandler extends AbstractChannelPoolHandler {
    private final Origin origin;

    PoolHandler(Origin origin) {
      this.origin = origin;
    }

    @Override
    public void channelCreated(Channel ch) {
      if (origin.tls()) {
        ch.pipeline().addLast(tls.newHandler(ch.alloc(), origin.host(), origin.port()));
      }
      ch.pipeline().addLast(new HttpClientCodec(8192, 64 * 1024, 64 * 1024));
      ch.pipeline().addLast(new HttpObjectAggregator(maxResponseBytes));
      ch.pipeline().addLast(new ResponseHandler());
    }
  }

  private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      CompletableFuture<FullHttpResponse> pending = ctx.channel().attr(PENDING).get();
      FullHttpResponse mine = response.retain();
      if (pending == null || !pending.complete(mine)) {
        mine.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail(ctx, new IOException("upstream closed the connection before answering"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(ctx, cause);
      ctx.close();
    }

    private static void fail(ChannelHandlerContext ctx, Throwable cause) {
      CompletableFuture<FullHttpResponse> pending = ctx.channel().attr(PENDING).get();
      if (pending != null) {
        pending.completeExceptionally(cause);
      }
    }
  }
}
