package dev.mallory.registry.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reference Docker Registry v2 (subset, see {@link RegistryApi}) on 127.0.0.1 over Netty.
 * Separate from {@code MalloryServer} so the trust server and the registry can be attacked (and
 * replaced by the real ones) independently, as in a real Docker Content Trust deployment.
 *
 * <pre>{@code
 * try (RegistryServer registry = RegistryServer.start(RegistryConfig.defaults(), new RegistryStore())) {
 *   URI base = registry.url(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class RegistryServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RegistryServer.class.getName());
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
  // Uploads hash and copy up to maxRequestBytes: off the event loop so reads keep flowing.
  private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "mallory-registry-worker");
    t.setDaemon(true);
    return t;
  });
  private final RegistryStore store;
  private final Channel channel;

  private RegistryServer(RegistryConfig config, RegistryStore store) throws InterruptedException {
    this.store = store;
    Handler handler = new Handler(new RegistryApi(store, config), workers);
    ServerBootstrap bootstrap = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(config.maxRequestBytes())) // bounded bodies: 413 beyond
                .addLast(handler);
          }
        });
    try {
      channel = bootstrap.bind(new InetSocketAddress("127.0.0.1", config.port())).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      shutdown();
      throw e;
    }
  }

  public static RegistryServer start(RegistryConfig config, RegistryStore store) {
    try {
      return new RegistryServer(config, store);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    }
  }

  public static RegistryServer start() {
    return start(RegistryConfig.defaults(), new RegistryStore());
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** {@code http://127.0.0.1:PORT}, no trailing slash. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** {@code 127.0.0.1:PORT}: the registry host part of a Docker GUN. */
  public String host() {
    return "127.0.0.1:" + port();
  }

  public RegistryStore store() {
    return store;
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
    private final RegistryApi api;
    private final ExecutorService workers;

    Handler(RegistryApi api, ExecutorService workers) {
      this.api = api;
      this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (!request.decoderResult().isSuccess()) {
        write(ctx, RegistryResponse.error(400, "UNSUPPORTED", "malformed request"), false);
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

    private RegistryResponse safeRoute(FullHttpRequest request) {
      try {
        return api.route(request);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "registry request " + request.method() + " " + request.uri() + " failed", e);
        return RegistryResponse.error(500, "UNKNOWN", "internal error");
      }
    }

    private static void write(ChannelHandlerContext ctx, RegistryResponse r, boolean keepAlive) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
          r.headOnly() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
      if (r.contentType() != null) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
      }
      r.headers().forEach((k, v) -> response.headers().set(k, v));
      response.headers().set("Docker-Distribution-Api-Version", "registry/2.0");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
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
