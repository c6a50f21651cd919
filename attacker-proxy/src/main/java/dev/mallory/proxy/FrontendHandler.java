package dev.mallory.proxy;

import dev.mallory.attack.Effect;
import dev.mallory.attack.Exchange;
import dev.mallory.attack.UpstreamResponse;
import dev.mallory.classify.Classified;
import dev.mallory.classify.Classifier;
import dev.mallory.journal.JournalEntry;
import dev.mallory.journal.LazySha256;
import dev.mallory.journal.Recorder;
import dev.mallory.journal.Recording;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.AsciiString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

/**
 * One client connection. Requests are answered strictly one after another (pipelined ones wait in
 * a queue), each decided against the attacks in force when it arrived.
 */
final class FrontendHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final AsciiString[] HOP_BY_HOP = Stream.of("connection", "keep-alive", "proxy-connection",
      "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "content-length",
      "accept-encoding").map(AsciiString::cached).toArray(AsciiString[]::new);

  private final AttackerProxy proxy;
  /** Inside a CONNECT tunnel: where every request goes. */
  private final Origin tunnel;
  private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>();
  private boolean busy;

  private FrontendHandler(AttackerProxy proxy, Origin tunnel) {
    super(false);
    this.proxy = proxy;
    this.tunnel = tunnel;
  }

  static void install(ChannelPipeline p, AttackerProxy proxy, Origin tunnel) {
    p.addLast("codec", new HttpServerCodec(8192, 64 * 1024, 64 * 1024));
    p.addLast("aggregator", new HttpObjectAggregator(proxy.maxRequestBytes()));
    p.addLast("handler", new FrontendHandler(proxy, tunnel));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    queue.add(request);
    if (!busy) {
      next(ctx);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    FullHttpRequest r;
    while ((r = queue.poll()) != null) {
      r.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a client that breaks the protocol or the TLS handshake loses its connection
  }

  private void next(ChannelHandlerContext ctx) {
    FullHttpRequest request = queue.poll();
    if (request == null) {
      busy = false;
      return;
    }
    busy = true;
    try {
      handle(ctx, request);
    } catch (RuntimeException e) {
      request.release();
      sendError(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "mallory: " + e, false);
    }
  }

  private void done(ChannelHandlerContext ctx, boolean keepAlive) {
    if (keepAlive && ctx.channel().isActive()) {
      next(ctx);
    } else {
      ctx.close();
    }
  }

  private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      request.release();
      sendError(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request", false);
      return;
    }
    if (request.method().equals(HttpMethod.CONNECT)) {
      connect(ctx, request);
      return;
    }
    long seq = proxy.journal().nextSeq();
    Instant at = proxy.clock().instant();
    long t0 = System.nanoTime();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    Origin origin;
    String clientPath;
    String uri = request.uri();
    if (tunnel != null) {
      origin = tunnel;
      clientPath = uri;
    } else if (uri.startsWith("http://") || uri.startsWith("https://")) {
      URI u = URI.create(uri);
      int port = u.getPort() != -1 ? u.getPort() : uri.startsWith("https") ? 443 : 80;
      clientPath = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      origin = proxy.isForward() ? proxy.route(u.getScheme(), u.getHost(), port) : proxy.reverseOrigin(clientPath);
    } else if (!proxy.isForward()) {
      origin = proxy.reverseOrigin(uri);
      clientPath = uri;
    } else {
      request.release();
      sendError(ctx, HttpResponseStatus.BAD_REQUEST,
          "mallory forward proxy: send an absolute URI (http://host/path) or CONNECT host:port", keepAlive);
      return;
    }
    int q = clientPath.indexOf('?');
    Classified classified = Classifier.classify(request.method().name(), q < 0 ? clientPath : clientPath.substring(0, q));
    List<AppliedAttack> attacks = proxy.attacks(); // read once: this request's decision uses exactly these

    FullHttpRequest outbound = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(),
        proxy.upstreamPath(clientPath), request.content().retainedDuplicate());
    copyHeaders(request.headers(), outbound.headers());
    outbound.headers().set(HttpHeaderNames.HOST, origin.hostHeader());
    outbound.headers().set(HttpHeaderNames.CONTENT_LENGTH, outbound.content().readableBytes());
    request.release();
    Context c = new Context(seq, at, t0, origin, classified, keepAlive);

    // Same event loop as this client connection: no thread hand-over on the no-attack path.
    proxy.upstream().send(origin, outbound, ctx.channel().eventLoop()).whenComplete((response, error) -> {
      Upstream answer = Upstream.of(response, error);
      Optional<Recording> recorded = answer.status == 200 && "GET".equals(classified.method())
          ? proxy.recorder().record(classified, answer.body, null) : Optional.empty();
      // The journal's digest: the recording's (already known), else hashed only if someone asks.
      answer.digest = recorded.isPresent() ? LazySha256.known(recorded.get().sha256()) : LazySha256.of(answer.body);
      if (attacks.isEmpty()) {
        onLoop(ctx, () -> respond(ctx, c, answer, PASSTHROUGH));
        return;
      }
      proxy.decideAsync(() -> {
        AttackerProxy.Decision d;
        try {
          d = proxy.decide(attacks, new Exchange(origin.host(), classified,
              new UpstreamResponse(answer.status, answer.body, answer.error)), origin);
        } catch (RuntimeException e) {
          d = new AttackerProxy.Decision(new Effect.Status(500, "mallory: " + e), null);
        }
        AttackerProxy.Decision decision = d;
        ctx.executor().execute(() -> respond(ctx, c, answer, decision));
      });
    });
  }

  private static final AttackerProxy.Decision PASSTHROUGH = new AttackerProxy.Decision(new Effect.Passthrough(), null);

  /** Runs on the connection's event loop: at once when already there, else as a task. */
  private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
    if (ctx.executor().inEventLoop()) {
      task.run();
    } else {
      ctx.executor().execute(task);
    }
  }

  /** Per-exchange facts carried from request to journal entry. */
  private record Context(long seq, Instant at, long t0, Origin origin, Classified request, boolean keepAlive) {}

  /** Upstream's answer, copied out of Netty buffers once. */
  private static final class Upstream {
    final FullHttpResponse response; // retained until respond() finishes, may be null
    final int status;
    final byte[] body;
    /** SHA-256 of body: set once the recorder has seen it (on the event loop, before any use). */
    LazySha256 digest;
    final String error;

    private Upstream(FullHttpResponse response, int status, byte[] body, String error) {
      this.response = response;
      this.status = status;
      this.body = body;
      this.error = error;
    }

    static Upstream of(FullHttpResponse response, Throwable error) {
      if (response == null) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        return new Upstream(null, 0, null, String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()));
      }
      return new Upstream(response, response.status().code(), ByteBufUtil.getBytes(response.content()), null);
    }

    void release() {
      if (response != null && response.refCnt() > 0) {
        response.release();
      }
    }
  }

  private void respond(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision) {
    Effect effect = decision.effect();
    try {
      // Java 17 has no pattern switch; the chain covers every permitted Effect (sealed).
      if (effect instanceof Effect.Passthrough) {
        if (answer.response == null) {
          byte[] msg = ("mallory: upstream error: " + answer.error).getBytes(StandardCharsets.UTF_8);
          sendFull(ctx, c, answer, decision, HttpResponseStatus.BAD_GATEWAY, null, msg, null);
        } else {
          sendFull(ctx, c, answer, decision, answer.response.status(), answer.response.headers(), answer.body,
              answer.digest);
        }
      } else if (effect instanceof Effect.ReplaceBody r) {
        sendFull(ctx, c, answer, decision, HttpResponseStatus.valueOf(r.status()),
            headersOrType(answer, r.contentType()), r.body(), LazySha256.of(r.body()));
      } else if (effect instanceof Effect.ReplayRecorded r) {
        sendFull(ctx, c, answer, decision, HttpResponseStatus.OK, headersOrType(answer, null),
            r.recording().bytes(), LazySha256.known(r.recording().sha256()));
      } else if (effect instanceof Effect.Resign r) {
        sendFull(ctx, c, answer, decision, HttpResponseStatus.OK, headersOrType(answer, null), r.body(),
            LazySha256.of(r.body()));
      } else if (effect instanceof Effect.Status s) {
        sendFull(ctx, c, answer, decision, HttpResponseStatus.valueOf(s.status()), null,
            s.body() == null ? new byte[0] : s.body().getBytes(StandardCharsets.UTF_8), null);
      } else if (effect instanceof Effect.ResetConnection) {
        // SO_LINGER 0 makes close() send RST instead of FIN: "connection reset by peer".
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
        journal(c, answer, decision, 0, 0, null);
      } else if (effect instanceof Effect.PartialThenReset p) {
        partialThenReset(ctx, c, answer, decision, p);
      } else if (effect instanceof Effect.Stall) {
        stall(ctx, c, answer, decision);
      } else if (effect instanceof Effect.EncodedBody b) {
        HttpHeaders h = headersOrType(answer, b.contentType());
        h.set(HttpHeaderNames.CONTENT_ENCODING, b.contentEncoding());
        sendFull(ctx, c, answer, decision, HttpResponseStatus.valueOf(b.status()), h, b.body(), LazySha256.of(b.body()));
      } else if (effect instanceof Effect.EndlessBody e) {
        endless(ctx, c, answer, decision, e);
      } else if (effect instanceof Effect.Drip d) {
        drip(ctx, c, answer, decision, d);
      } else {
        throw new IllegalStateException("unhandled effect " + effect);
      }
    } finally {
      answer.release();
    }
  }

  private static HttpHeaders headersOrType(Upstream answer, String contentType) {
    HttpHeaders h = answer.response != null ? answer.response.headers().copy()
        : new io.netty.handler.codec.http.DefaultHttpHeaders();
    if (contentType != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    } else if (!h.contains(HttpHeaderNames.CONTENT_TYPE)) {
      h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    }
    return h;
  }

  private void sendFull(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision,
      HttpResponseStatus status, HttpHeaders headers, byte[] body, LazySha256 sentDigest) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    if (headers != null) {
      copyHeaders(headers, response.headers());
    } else {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (!c.keepAlive()) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    LazySha256 sentSha = sentDigest != null ? sentDigest : LazySha256.of(body);
    if (body.length > STREAMED_BODY_BYTES) {
      streamLarge(ctx, c, answer, decision, response, body, sentSha);
      return;
    }
    // Journal before the write: a test that has the response must find the entry (no race).
    // Streamed effects (endless, drip) are journaled when they end, with the bytes really sent.
    journal(c, answer, decision, status.code(), body.length, sentSha);
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> done(ctx, c.keepAlive() && f.isSuccess()));
  }

  /**
   * Bodies above this size (padding attacks, oversized forgeries) are streamed through a small
   * send buffer and journaled with the bytes the client actually took, as endless bodies are: a
   * client that stops reading at its length limit must not be charged for the whole body.
   */
  static final int STREAMED_BODY_BYTES = 1 << 20;

  private void streamLarge(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision,
      FullHttpResponse full, byte[] body, LazySha256 sentSha) {
    ctx.channel().config().setOption(ChannelOption.SO_SNDBUF, 64 * 1024);
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, full.status());
    head.headers().set(full.headers());
    full.release();
    if (ctx.pipeline().get("chunked") == null) {
      ctx.pipeline().addBefore("handler", "chunked", new ChunkedWriteHandler());
    }
    ctx.write(head);
    io.netty.handler.stream.ChunkedStream stream =
        new io.netty.handler.stream.ChunkedStream(new java.io.ByteArrayInputStream(body), 16 * 1024);
    ctx.writeAndFlush(new HttpChunkedInput(stream)).addListener((ChannelFutureListener) f -> {
      journal(c, answer, decision, full.status().code(), stream.transferredBytes(), f.isSuccess() ? sentSha : null);
      done(ctx, c.keepAlive() && f.isSuccess());
    });
  }

  private void endless(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision,
      Effect.EndlessBody e) {
    // A small send buffer keeps the bytes counted as sent close to the bytes the client took
    // (features/README.md, "the client stopped reading FILE within its length limit").
    ctx.channel().config().setOption(ChannelOption.SO_SNDBUF, 64 * 1024);
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    switch (e.framing()) {
      case CLOSE -> head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      case LYING_LENGTH -> head.headers().set(HttpHeaderNames.CONTENT_LENGTH, e.declaredLength());
      case CHUNKED -> HttpUtil.setTransferEncodingChunked(head, true);
    }
    if (ctx.pipeline().get("chunked") == null) {
      // Only endless bodies stream a ChunkedInput: the handler is not on every response's path.
      ctx.pipeline().addBefore("handler", "chunked", new ChunkedWriteHandler());
    }
    ctx.write(head);
    EndlessInput input = new EndlessInput(e.limitBytes());
    ctx.writeAndFlush(new HttpChunkedInput(input)).addListener((ChannelFutureListener) f -> {
      journal(c, answer, decision, 200, input.progress(), null);
      ctx.close(); // an endless body never leaves a reusable connection behind
    });
  }

  /** Headers for the whole body, part of it, then RST (SO_LINGER 0) once the part is flushed. */
  private void partialThenReset(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision,
      Effect.PartialThenReset p) {
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    if (answer.response != null) {
      copyHeaders(answer.response.headers(), head.headers());
    }
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, p.body().length);
    ctx.write(head);
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(p.body(), 0, p.sentBytes())))
        .addListener((ChannelFutureListener) f -> {
          journal(c, answer, decision, 200, p.sentBytes(), null);
          ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
          ctx.close();
        });
  }

  /** Never answers: the exchange is journaled when the client gives up and closes. */
  private void stall(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision) {
    ctx.channel().closeFuture().addListener(f -> journal(c, answer, decision, 0, 0, null));
  }

  private void drip(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision,
      Effect.Drip d) {
    byte[] body = d.body();
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    if (answer.response != null) {
      copyHeaders(answer.response.headers(), head.headers());
    }
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(head);
    tick(ctx, c, answer, decision, d, body, 0);
  }

  private void tick(ChannelHandlerContext ctx, Context c, Upstream answer, AttackerProxy.Decision decision,
      Effect.Drip d, byte[] body, int offset) {
    if (!ctx.channel().isActive()) {
      journal(c, answer, decision, 200, offset, null);
      return;
    }
    if (offset >= body.length) {
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) f -> {
        journal(c, answer, decision, 200, body.length, LazySha256.known(Recorder.sha256Hex(body)));
        done(ctx, c.keepAlive() && f.isSuccess());
      });
      return;
    }
    int n = Math.min(d.bytesPerTick(), body.length - offset);
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, offset, n)));
    ctx.executor().schedule(() -> tick(ctx, c, answer, decision, d, body, offset + n),
        d.interval().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void journal(Context c, Upstream answer, AttackerProxy.Decision decision, int sentStatus, long sentBytes,
      LazySha256 sentSha256) {
    AppliedAttack a = decision.attack();
    proxy.journal().add(new JournalEntry(c.seq(), c.at(), c.origin().hostHeader(), c.request(), answer.status,
        answer.body == null ? -1 : answer.body.length, answer.digest, answer.error, decision.effect().name(),
        a == null ? null : a.id(), a == null ? null : a.attack().type(), sentStatus, sentBytes, sentSha256,
        (System.nanoTime() - c.t0()) / 1000));
  }

  /** CONNECT host:port: say yes, then speak TLS as that host with a leaf from our CA. */
  private void connect(ChannelHandlerContext ctx, FullHttpRequest request) {
    String target = request.uri();
    request.release();
    if (!proxy.isForward()) {
      sendError(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT needs a forward-mode proxy", false);
      return;
    }
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? target : target.substring(0, colon);
    int port;
    try {
      port = colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      sendError(ctx, HttpResponseStatus.BAD_REQUEST, "CONNECT target must be host:port", false);
      return;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Origin origin = proxy.route("https", host, port);
    String leafHost = host;
    ctx.channel().config().setAutoRead(false);
    DefaultFullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        new HttpResponseStatus(200, "Connection Established"));
    ctx.writeAndFlush(ok).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        ctx.close();
        return;
      }
      ChannelPipeline p = ctx.pipeline();
      p.remove("codec");
      p.remove("aggregator");
      if (p.get("chunked") != null) {
        p.remove("chunked");
      }
      p.remove("handler");
      p.addLast("tls", proxy.certificateAuthority().serverContext(leafHost).newHandler(ctx.alloc()));
      install(p, proxy, origin);
      p.channel().config().setAutoRead(true);
    });
  }

  private void sendError(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
    ByteBuf body = Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> done(ctx, keepAlive && f.isSuccess()));
  }

  private static void copyHeaders(HttpHeaders from, HttpHeaders to) {
    var it = from.iteratorCharSequence();
    while (it.hasNext()) {
      var h = it.next();
      if (!isHopByHop(h.getKey())) {
        to.add(h.getKey(), h.getValue());
      }
    }
  }

  /** Case-insensitive, without lower-casing (no String per header per request). */
  private static boolean isHopByHop(CharSequence name) {
    for (AsciiString hop : HOP_BY_HOP) {
      if (hop.length() == name.length() && hop.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
