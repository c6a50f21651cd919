package dev.mallory.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each aggregated request through the {@link Router}. Reads run on the event loop; writes
 * (uploads verify signatures, stores fsync) run on a worker pool so they never stall reads.
 */
@Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = Logger.getLogger(HttpHandler.class.getName());
  private final Router router;
  private final ExecutorService workers;

  HttpHandler(Router router, ExecutorService workers) {
    this.router = router;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      write(ctx, NotaryErrors.error(400, "UNKNOWN", "malformed request", null), false);
      return;
    }
    if (request.method().equals(HttpMethod.GET)) {
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

  private Response safeRoute(FullHttpRequest request) {
    try {
      return router.route(request);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "request " + request.method() + " " + request.uri() + " failed", e);
      return NotaryErrors.unknown();
    }
  }

  static void write(ChannelHandlerContext ctx, Response r, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
    if (r.contentType() != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    }
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      response.headers().set(h.getKey(), h.getValue());
    }
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
      ctx.close(); // idle connections are closed: a slow client cannot hold a connection forever
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
