package dev.mallory.proxy;

import dev.mallory.classify.Classified;
import dev.mallory.classify.Classifier;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * One client connection. Requests are answered strictly one after another (pipelined ones wait in
 * a queue), each decided against the attacks in force when it arrived: this class turns a request
 * into an {@link InFlight} exchange sent upstream; {@link ClientResponse} writes what the client
 * gets; {@link Tunnel} handles CONNECT.
 */
final class FrontendHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** Pipeline names: the codec pair, the aggregator, this handler, and (for streamed bodies) the chunked writer. */
  static final String CODEC = "codec";
  static final String AGGREGATOR = "aggregator";
  static final String HANDLER = "handler";
  static final String CHUNKED = "chunked";

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
    p.addLast(CODEC, new HttpServerCodec(8192, 64 * 1024, 64 * 1024));
    p.addLast(AGGREGATOR, new HttpObjectAggregator(proxy.maxRequestBytes()));
    p.addLast(HANDLER, new FrontendHandler(proxy, tunnel));
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
      request.release(); // handle() hands the request on only as its very last step
      sendError(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "mallory: " + e, false);
    }
  }

  /** The current exchange is answered: the next queued request, or close. */
  void done(ChannelHandlerContext ctx, boolean keepAlive) {
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
      Tunnel.open(this, ctx, request, proxy);
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
    InFlight exchange = new InFlight(this, ctx, proxy, seq, at, t0, origin, classified, keepAlive, proxy.attacks());

    // The client's request object itself goes upstream: only its target and its connection
    // headers change (no copy of the body or of the other headers).
    request.setUri(proxy.upstreamPath(clientPath));
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
    HttpHeaders headers = request.headers();
    HopByHop.strip(headers);
    headers.set(HttpHeaderNames.HOST, origin.hostHeader());
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
    // Same event loop as this client connection: no thread hand-over on the no-attack path.
    proxy.upstream().send(origin, request, ctx.channel().eventLoop(), exchange);
  }

  void sendError(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
    ByteBuf body = Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> done(ctx, keepAlive && f.isSuccess()));
  }
}
