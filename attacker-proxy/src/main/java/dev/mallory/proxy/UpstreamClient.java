package dev.mallory.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelPoolMap;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 to upstream over pooled keep-alive connections, one pool per origin. Every answer is
 * bounded: connect timeout, a deadline for the whole response, and a maximum body size (an
 * endless upstream is an error, not an out-of-memory).
 */
final class UpstreamClient {
  private static final AttributeKey<CompletableFuture<FullHttpResponse>> PENDING =
      AttributeKey.valueOf("mallory.upstream.pending");

  private final Bootstrap bootstrap;
  private final SslContext tls;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final ChannelPoolMap<Origin, SimpleChannelPool> pools;

  UpstreamClient(EventLoopGroup group, SslContext tls, Duration connectTimeout, Duration timeout, int maxResponseBytes) {
    this.tls = tls;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true);
    this.pools = new AbstractChannelPoolMap<>() {
      @Override
      protected SimpleChannelPool newPool(Origin origin) {
        return new SimpleChannelPool(bootstrap.clone().remoteAddress(origin.address()), new PoolHandler(origin));
      }
    };
  }

  /** Sends the request (taking ownership of it); the future owns the response it completes with. */
  CompletableFuture<FullHttpResponse> send(Origin origin, FullHttpRequest request) {
    CompletableFuture<FullHttpResponse> result = new CompletableFuture<>();
    SimpleChannelPool pool = pools.get(origin);
    pool.acquire().addListener((io.netty.util.concurrent.Future<Channel> acquired) -> {
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
        pool.release(ch);
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
