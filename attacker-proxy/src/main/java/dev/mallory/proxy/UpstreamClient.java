package dev.mallory.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
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
import java.util.Set;
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
 *
 * <p>A kept-alive connection can be closed by upstream (an idle timeout) just as a request goes out
 * on it, a race every HTTP client pool has. Such a request is sent once more, on a fresh connection,
 * when HTTP allows it (RFC 9110 9.2.2, RFC 9112 9.3.1): its method is idempotent, the connection that
 * failed was a reused one, and not one byte of an answer had arrived. Never a second retry, never on
 * a deadline, never a POST: those end in the error as before.
 */
final class UpstreamClient {
  /**
   * Told, on the sending event loop, how one request ended: exactly one of {@code onResponse} and
   * {@code onError} is called, once, after at most one {@code onRetry}.
   */
  interface Listener {
    /** Upstream's whole answer; the listener owns (and must release) it. */
    void onResponse(FullHttpResponse response);

    void onError(Throwable cause);

    /** The request is being sent again on a fresh connection: a reused one failed with {@code cause}. */
    default void onRetry(Throwable cause) {}
  }

  /** RFC 9110 9.2.2: PUT, DELETE and the safe methods (9.2.1) are idempotent; POST and PATCH are not. */
  private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
      HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

  static boolean idempotent(HttpMethod method) {
    return IDEMPOTENT.contains(method);
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
          reused.exchange(request, listener, spareFor(request));
          return;
        }
      }
      connect(origin, request, listener);
    }

    /** The one retry: on a connection of its own, never a pooled one that may be as stale. */
    void retry(Origin origin, FullHttpRequest request, Listener listener, Throwable cause) {
      listener.onRetry(cause);
      connect(origin, request, listener);
    }

    /** A fresh connection: a request that fails on it is not retried (RFC 9110 9.2.2 sees no race to excuse). */
    private void connect(Origin origin, FullHttpRequest request, Listener listener) {
      Connection connection = new Connection(origin, this);
      ChannelFuture connect = bootstrap.clone().remoteAddress(origin.address()).handler(new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel c) {
          if (origin.tls()) {
            c.pipeline().addLast(tls.newHandler(c.alloc(), origin.host(), origin.port()));
          }
          c.pipeline().addLast(connection.arrivals); // after TLS: a close_notify is not an answer
          c.pipeline().addLast(new HttpClientCodec(8192, 64 * 1024, 64 * 1024));
          c.pipeline().addLast(new HttpObjectAggregator(maxResponseBytes));
          c.pipeline().addLast(connection);
        }
      }).connect();
      connect.addListener(f -> {
        if (f.isSuccess()) {
          connection.exchange(request, listener, null);
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

  /**
   * What a retry would send: the request's headers and a second hold on its body, with indices of its
   * own (the first write consumes the original). {@code null} when the request may not be retried.
   */
  private static FullHttpRequest spareFor(FullHttpRequest request) {
    if (!idempotent(request.method())) {
      return null;
    }
    return new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
        request.content().retainedDuplicate(), request.headers(), request.trailingHeaders());
  }

  /** One upstream connection: at most one exchange at a time, back to its loop's idle list after. */
  private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final Origin origin;
    private final LoopConnections home;
    private ChannelHandlerContext ctx;
    private Listener pending;
    private ScheduledFuture<?> deadline;
    /** On a reused connection, the idempotent request in flight kept for one retry; else {@code null}. */
    private FullHttpRequest spare;
    /** Whether any byte (after TLS) has arrived since the request in force went out. */
    private boolean answerStarted;
    /** Sits before the HTTP codec and notes that the answer has begun, whatever it turns out to be. */
    final ChannelInboundHandlerAdapter arrivals = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext c, Object msg) {
        if (msg instanceof ByteBuf b && b.isReadable()) {
          answerStarted = true;
        }
        c.fireChannelRead(msg);
      }
    };

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

    void exchange(FullHttpRequest request, Listener listener, FullHttpRequest retryCopy) {
      pending = listener;
      spare = retryCopy;
      answerStarted = false;
      deadline = ctx.executor().schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
      ctx.channel().writeAndFlush(request).addListener(written -> {
        if (!written.isSuccess()) {
          fail(written.cause(), true);
        }
      });
    }

    private void timedOut() {
      // Not retried: upstream may be working on the request, and the client would wait twice as long.
      fail(new TimeoutException("upstream " + origin.hostHeader() + " did not answer within "
          + timeout.toMillis() + " ms"), false);
    }

    /**
     * Ends the exchange in force, if any, and the connection with it: the request is retried once on
     * a fresh connection if it may be (see the class comment), else the listener learns why.
     */
    private void fail(Throwable cause, boolean mayRetry) {
      FullHttpRequest retry = spare;
      spare = null;
      Listener l = end();
      ctx.close();
      if (l == null) {
        return;
      }
      if (retry != null && mayRetry && !answerStarted) {
        home.retry(origin, retry, l, cause);
        return;
      }
      if (retry != null) {
        retry.release();
      }
      l.onError(cause);
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
      if (spare != null) {
        spare.release();
        spare = null;
      }
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
      fail(new IOException("upstream closed the connection before answering"), true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(cause, true); // a reset before any byte; a malformed answer has bytes, so is not retried
    }
  }
}
