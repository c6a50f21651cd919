package dev.mallory.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 to upstream over keep-alive connections kept per origin and per event loop. Every answer
 * is bounded: connect timeout, a deadline for the whole response, and a maximum body size (an endless
 * upstream is an error, not an out-of-memory).
 *
 * <p>A request sent from a client connection's event loop goes out on an upstream connection of the
 * same loop: acquiring, writing, reading and answering the client happen on one thread, with no
 * hand-over between threads and no locking (each loop owns its idle connections outright).
 */
final class UpstreamClient {
  /** Told, on the sending event loop, how one request ended. Exactly one method is called, once. */
  interface Listener {
    /** Upstream's whole answer; the listener owns (and must release) it. */
    void onResponse(FullHttpResponse response);

    void onError(Throwable cause);
  }

  private final SslContext tls;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final EventLoopGroup group;
  /** One per event loop of the group; each is only ever touched on its own loop. */
  private final Map<EventExecutor, LoopConnections> loops = new IdentityHashMap<>();

  UpstreamClient(EventLoopGroup group, SslContext tls, Duration connectTimeout, Duration timeout, int maxResponseBytes) {
    this.group = group;
    this.tls = tls;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    Bootstrap bootstrap = new Bootstrap().channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true);
    for (EventExecutor loop : group) {
      loops.put(loop, new LoopConnections(bootstrap.clone((EventLoop) loop)));
    }
  }

  /**
   * As {@link #send(Origin, FullHttpRequest, EventLoop, Listener)} on any event loop, as a future
   * that owns the response it completes with (attacks fetching from a thread of their own).
   */
  CompletableFuture<FullHttpResponse> send(Origin origin, FullHttpRequest request) {
    CompletableFuture<FullHttpResponse> result = new CompletableFuture<>();
    send(origin, request, group.next(), new Listener() {
      @Override
      public void onResponse(FullHttpResponse response) {
        if (!result.complete(response)) {
          response.release(); // the caller gave up waiting
        }
      }

      @Override
      public void onError(Throwable cause) {
        result.completeExceptionally(cause);
      }
    });
    return result;
  }

  /** Sends the request (taking ownership of it) on a connection of {@code loop}; the listener runs there. */
  void send(Origin origin, FullHttpRequest request, EventLoop loop, Listener listener) {
    if (!loop.inEventLoop()) {
      loop.execute(() -> send(origin, request, loop, listener));
      return;
    }
    LoopConnections connections = loops.get(loop);
    if (connections == null) {
      request.release();
      listener.onError(new IllegalStateException("not an event loop of this proxy: " + loop));
      return;
    }
    connections.send(origin, request, listener);
  }

  /** The idle connections of one event loop, by origin. Loop-confined: no locks, no atomics. */
  private final class LoopConnections {
    private final Bootstrap bootstrap;
    private final Map<Origin, ArrayDeque<Connection>> idle = new HashMap<>();

    LoopConnections(Bootstrap bootstrap) {
      this.bootstrap = bootstrap;
    }

    void send(Origin origin, FullHttpRequest request, Listener listener) {
      ArrayDeque<Connection> free = idle.get(origin);
      Connection reused;
      while (free != null && (reused = free.pollLast()) != null) { // most recently used: the likeliest open
        if (reused.isActive()) {
          reused.exchange(request, listener);
          return;
        }
      }
      Connection connection = new Connection(origin, this);
      ChannelFuture connect = bootstrap.clone().remoteAddress(origin.address()).handler(new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel c) {
          if (origin.tls()) {
            c.pipeline().addLast(tls.newHandler(c.alloc(), origin.host(), origin.port()));
          }
          c.pipeline().addLast(new HttpClientCodec(8192, 64 * 1024, 64 * 1024));
          c.pipeline().addLast(new HttpObjectAggregator(maxResponseBytes));
          c.pipeline().addLast(connection);
        }
      }).connect();
      connect.addListener(f -> {
        if (f.isSuccess()) {
          connection.exchange(request, listener);
        } else {
          request.release();
          listener.onError(new IOException("cannot connect to " + origin.hostHeader() + " at " + origin.address()
              + ": " + f.cause().getMessage(), f.cause()));
        }
      });
    }

    /** Its exchange done, a connection waits for the next request to its origin. */
    void idle(Connection c) {
      idle.computeIfAbsent(c.origin, o -> new ArrayDeque<>()).addLast(c);
    }

    /** A connection closed: an origin with no idle connection left is forgotten (forward mode meets many). */
    void closed(Connection c) {
      ArrayDeque<Connection> free = idle.get(c.origin);
      if (free != null && free.remove(c) && free.isEmpty()) {
        idle.remove(c.origin);
      }
    }
  }

  /** One upstream connection: at most one exchange at a time, back to its loop's idle list after. */
  private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final Origin origin;
    private final LoopConnections home;
    private ChannelHandlerContext ctx;
    private Listener pending;
    private ScheduledFuture<?> deadline;

    Connection(Origin origin, LoopConnections home) {
      super(false); // the response goes to the listener, which releases it
      this.origin = origin;
      this.home = home;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      this.ctx = ctx;
    }

    boolean isActive() {
      return ctx.channel().isActive();
    }

    void exchange(FullHttpRequest request, Listener listener) {
      pending = listener;
      deadline = ctx.executor().schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
      ctx.channel().writeAndFlush(request).addListener(written -> {
        if (!written.isSuccess()) {
          fail(written.cause());
        }
      });
    }

    private void timedOut() {
      fail(new TimeoutException("upstream " + origin.hostHeader() + " did not answer within "
          + timeout.toMillis() + " ms"));
    }

    /** Ends the exchange in force, if any: the listener learns why, the connection is not reused. */
    private void fail(Throwable cause) {
      Listener l = end();
      ctx.close();
      if (l != null) {
        l.onError(cause);
      }
    }

    private Listener end() {
      Listener l = pending;
      pending = null;
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
      return l;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      Listener l = end();
      if (l == null) {
        response.release(); // an answer nobody asked for (or after the deadline): this connection is spoilt
        ctx.close();
        return;
      }
      if (HttpUtil.isKeepAlive(response) && ctx.channel().isActive()) {
        home.idle(this); // idle before the listener runs: it may send the next request at once
      } else {
        ctx.close();
      }
      l.onResponse(response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      home.closed(this);
      Listener l = end();
      if (l != null) {
        l.onError(new IOException("upstream closed the connection before answering"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(cause);
    }
  }
}
