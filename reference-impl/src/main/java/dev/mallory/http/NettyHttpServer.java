package dev.mallory.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One HTTP/1.1 listener over Netty that hands each whole request to a route and writes its
 * {@link HttpAnswer}. Every body is bounded (larger requests get 413 before anything is
 * buffered), idle connections are closed (a slow peer cannot hold one forever), and requests
 * that change state run on a worker pool (they verify signatures, hash and fsync) so reads keep
 * flowing on the event loop.
 *
 * <pre>{@code
 * try (NettyHttpServer http = NettyHttpServer.start(settings, request -> answer)) {
 *   URI base = http.url();
 * }
 * }</pre>
 */
public final class NettyHttpServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NettyHttpServer.class.getName());

  /**
   * How a server listens.
   *
   * @param name names worker threads and log lines
   * @param malformed the answer to a request Netty could not decode
   * @param internalError the answer when a route throws (the exception is logged, not sent)
   * @param fixedHeaders headers on every answer (e.g. the registry's API version)
   */
  public record Settings(
      String name,
      String host,
      int port,
      int maxBodyBytes,
      Duration idleTimeout,
      int workers,
      HttpAnswer malformed,
      HttpAnswer internalError,
      Map<String, String> fixedHeaders) {
    public Settings {
      if (maxBodyBytes < 1 || workers < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("body cap, workers and idle timeout must be positive");
      }
      fixedHeaders = Map.copyOf(fixedHeaders);
    }
  }

  private final Settings settings;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
  private final ExecutorService workers;
  private final Channel channel;

  private NettyHttpServer(Settings settings, Function<FullHttpRequest, HttpAnswer> route) throws InterruptedException {
    this.settings = settings;
    this.workers = Executors.newFixedThreadPool(settings.workers(), r -> {
      Thread t = new Thread(r, settings.name() + "-worker");
      t.setDaemon(true);
      return t;
    });
    Handler handler = new Handler(settings, route, workers);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, io)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(settings.maxBodyBytes()))
                .addLast(handler);
          }
        });
    try {
      this.channel = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      shutdown();
      throw e;
    }
  }

  /** Binds now; the route is called once per request, from the event loop or a worker. */
  public static NettyHttpServer start(Settings settings, Function<FullHttpRequest, HttpAnswer> route) {
    try {
      return new NettyHttpServer(settings, route);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + settings.name(), e);
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** {@code http://host:port}, no trailing slash; IPv6 hosts in brackets. */
  public URI url() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return URI.create("http://" + host + ":" + port());
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdown();
  }

  private void shutdown() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownNow();
  }

  @Sharable
  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Settings settings;
    private final Function<FullHttpRequest, HttpAnswer> route;
    private final ExecutorService workers;

    Handler(Settings settings, Function<FullHttpRequest, HttpAnswer> route, ExecutorService workers) {
      this.settings = settings;
      this.route = route;
      this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (!request.decoderResult().isSuccess()) {
        write(ctx, settings.malformed(), false);
        return;
      }
      if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
        write(ctx, safeRoute(request), keepAlive);
        return;
      }
      FullHttpRequest retained = request.retain();
      workers.execute(() -> {
        try {
          write(ctx, safeRoute(retained), keepAlive);
        } finally {
          retained.release();
        }
      });
    }

    private HttpAnswer safeRoute(FullHttpRequest request) {
      try {
        return route.apply(request);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, settings.name() + ": " + request.method() + " " + request.uri() + " failed", e);
        return settings.internalError();
      }
    }

    private void write(ChannelHandlerContext ctx, HttpAnswer a, boolean keepAlive) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
          a.headOnly() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.body()));
      if (a.contentType() != null) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
      }
      a.headers().forEach((k, v) -> response.headers().set(k, v));
      settings.fixedHeaders().forEach((k, v) -> response.headers().set(k, v));
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
      if (keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        ctx.writeAndFlush(response);
      } else {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      } else {
        ctx.fireUserEventTriggered(evt);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
