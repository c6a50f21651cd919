package dev.mallory.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** CONNECT host:port in forward mode: say yes, then speak TLS as that host with a leaf from our CA. */
final class Tunnel {
  private Tunnel() {}

  static void open(FrontendHandler frontend, ChannelHandlerContext ctx, FullHttpRequest request, AttackerProxy proxy) {
    String target = request.uri();
    request.release();
    if (!proxy.isForward()) {
      frontend.sendError(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT needs a forward-mode proxy", false);
      return;
    }
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? target : target.substring(0, colon);
    int port;
    try {
      port = colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      frontend.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "CONNECT target must be host:port", false);
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
      // From here on the connection carries TLS, and inside it HTTP for this origin only.
      ChannelPipeline p = ctx.pipeline();
      p.remove(FrontendHandler.CODEC);
      p.remove(FrontendHandler.AGGREGATOR);
      if (p.get(FrontendHandler.CHUNKED) != null) {
        p.remove(FrontendHandler.CHUNKED);
      }
      p.remove(FrontendHandler.HANDLER);
      p.addLast("tls", proxy.certificateAuthority().serverContext(leafHost).newHandler(ctx.alloc()));
      FrontendHandler.install(p, proxy, origin);
      p.channel().config().setAutoRead(true);
    });
  }
}
