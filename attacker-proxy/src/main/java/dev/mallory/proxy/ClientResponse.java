package dev.mallory.proxy;

import dev.mallory.attack.Effect;
import dev.mallory.journal.LazySha256;
import dev.mallory.journal.Recorder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedStream;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What the client gets for one exchange: each {@link Effect} written to the wire, and the journal
 * entry saying what was really sent. Runs on the client connection's event loop.
 */
final class ClientResponse {
  /**
   * Bodies above this size (padding attacks, oversized forgeries) are streamed through a small
   * send buffer and journaled with the bytes the client actually took, as endless bodies are: a
   * client that stops reading at its length limit must not be charged for the whole body.
   */
  static final int STREAMED_BODY_BYTES = 1 << 20;

  private ClientResponse() {}

  /** Writes the decided effect, then releases upstream's answer. */
  static void send(InFlight x, Decision decision) {
    Effect effect = decision.effect();
    try {
      // Java 17 has no pattern switch; the chain covers every permitted Effect (sealed).
      if (effect instanceof Effect.Passthrough) {
        if (x.response == null) {
          byte[] msg = ("mallory: upstream error: " + x.error).getBytes(StandardCharsets.UTF_8);
          sendFull(x, decision, HttpResponseStatus.BAD_GATEWAY, null, msg, null);
        } else {
          passthrough(x, decision);
        }
      } else if (effect instanceof Effect.ReplaceBody r) {
        sendFull(x, decision, HttpResponseStatus.valueOf(r.status()), headersOrType(x, r.contentType()), r.body(),
            LazySha256.of(r.body()));
      } else if (effect instanceof Effect.ReplayRecorded r) {
        sendFull(x, decision, HttpResponseStatus.OK, headersOrType(x, null), r.recording().bytes(),
            LazySha256.known(r.recording().sha256()));
      } else if (effect instanceof Effect.Resign r) {
        sendFull(x, decision, HttpResponseStatus.OK, headersOrType(x, null), r.body(), LazySha256.of(r.body()));
      } else if (effect instanceof Effect.Status s) {
        sendFull(x, decision, HttpResponseStatus.valueOf(s.status()), null,
            s.body() == null ? new byte[0] : s.body().getBytes(StandardCharsets.UTF_8), null);
      } else if (effect instanceof Effect.ResetConnection) {
        // SO_LINGER 0 makes close() send RST instead of FIN: "connection reset by peer".
        x.ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        x.ctx.close();
        x.journal(decision, 0, 0, null);
      } else if (effect instanceof Effect.PartialThenReset p) {
        partialThenReset(x, decision, p);
      } else if (effect instanceof Effect.Stall) {
        // Never answers: the exchange is journaled when the client gives up and closes.
        x.ctx.channel().closeFuture().addListener(f -> x.journal(decision, 0, 0, null));
      } else if (effect instanceof Effect.EncodedBody b) {
        HttpHeaders h = headersOrType(x, b.contentType());
        h.set(HttpHeaderNames.CONTENT_ENCODING, b.contentEncoding());
        sendFull(x, decision, HttpResponseStatus.valueOf(b.status()), h, b.body(), LazySha256.of(b.body()));
      } else if (effect instanceof Effect.EndlessBody e) {
        endless(x, decision, e);
      } else if (effect instanceof Effect.Drip d) {
        drip(x, decision, d);
      } else {
        throw new IllegalStateException("unhandled effect " + effect);
      }
    } finally {
      x.release();
    }
  }

  /**
   * Upstream's own response object goes back to the client, its connection headers replaced: no
   * copy of the body or of the other headers (the no-attack path, taken by nearly every request).
   */
  private static void passthrough(InFlight x, Decision decision) {
    FullHttpResponse r = x.response;
    if (x.length > STREAMED_BODY_BYTES) {
      sendFull(x, decision, r.status(), r.headers(), x.body(), x.digest);
      return;
    }
    HttpHeaders h = r.headers();
    HopByHop.strip(h);
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, (int) x.length);
    if (!x.keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    r.setProtocolVersion(HttpVersion.HTTP_1_1);
    x.journal(decision, r.status().code(), x.length, x.digest);
    x.ctx.writeAndFlush(r.retain()).addListener((ChannelFutureListener) f -> x.finish(f.isSuccess()));
  }

  private static HttpHeaders headersOrType(InFlight x, String contentType) {
    HttpHeaders h = x.response != null ? x.response.headers().copy() : new DefaultHttpHeaders();
    if (contentType != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    } else if (!h.contains(HttpHeaderNames.CONTENT_TYPE)) {
      h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    }
    return h;
  }

  private static void sendFull(InFlight x, Decision decision, HttpResponseStatus status,
      HttpHeaders headers, byte[] body, LazySha256 sentDigest) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    if (headers != null) {
      HopByHop.copy(headers, response.headers());
    } else {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    if (!x.keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    LazySha256 sentSha = sentDigest != null ? sentDigest : LazySha256.of(body);
    if (body.length > STREAMED_BODY_BYTES) {
      streamLarge(x, decision, response, body, sentSha);
      return;
    }
    // Journal before the write: a test that has the response must find the entry (no race).
    // Streamed effects (endless, drip) are journaled when they end, with the bytes really sent.
    x.journal(decision, status.code(), body.length, sentSha);
    x.ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> x.finish(f.isSuccess()));
  }

  private static void streamLarge(InFlight x, Decision decision, FullHttpResponse full, byte[] body,
      LazySha256 sentSha) {
    ChannelHandlerContext ctx = x.ctx;
    ctx.channel().config().setOption(ChannelOption.SO_SNDBUF, 64 * 1024);
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, full.status());
    head.headers().set(full.headers());
    full.release();
    addChunkedWriter(ctx);
    ctx.write(head);
    ChunkedStream stream = new ChunkedStream(new ByteArrayInputStream(body), 16 * 1024);
    ctx.writeAndFlush(new HttpChunkedInput(stream)).addListener((ChannelFutureListener) f -> {
      x.journal(decision, full.status().code(), stream.transferredBytes(), f.isSuccess() ? sentSha : null);
      x.finish(f.isSuccess());
    });
  }

  /** Only streamed bodies need a ChunkedWriteHandler: it is not on every response's path. */
  private static void addChunkedWriter(ChannelHandlerContext ctx) {
    if (ctx.pipeline().get(FrontendHandler.CHUNKED) == null) {
      ctx.pipeline().addBefore(FrontendHandler.HANDLER, FrontendHandler.CHUNKED, new ChunkedWriteHandler());
    }
  }

  private static void endless(InFlight x, Decision decision, Effect.EndlessBody e) {
    ChannelHandlerContext ctx = x.ctx;
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
    addChunkedWriter(ctx);
    ctx.write(head);
    EndlessInput input = new EndlessInput(e.limitBytes());
    ctx.writeAndFlush(new HttpChunkedInput(input)).addListener((ChannelFutureListener) f -> {
      x.journal(decision, 200, input.progress(), null);
      ctx.close(); // an endless body never leaves a reusable connection behind
    });
  }

  /** Headers for the whole body, part of it, then RST (SO_LINGER 0) once the part is flushed. */
  private static void partialThenReset(InFlight x, Decision decision, Effect.PartialThenReset p) {
    ChannelHandlerContext ctx = x.ctx;
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    if (x.response != null) {
      HopByHop.copy(x.response.headers(), head.headers());
    }
    head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, p.body().length);
    ctx.write(head);
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(p.body(), 0, p.sentBytes())))
        .addListener((ChannelFutureListener) f -> {
          x.journal(decision, 200, p.sentBytes(), null);
          ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
          ctx.close();
        });
  }

  /**
   * The genuine bytes, a few per tick. The exchange is journaled once: when the last byte has
   * gone, or as soon as the client closes the connection, so a client that gives up is seen giving
   * up at that moment (not at the next tick, which may be minutes later).
   */
  private static void drip(InFlight x, Decision decision, Effect.Drip d) {
    byte[] body = d.body();
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    if (x.response != null) {
      HopByHop.copy(x.response.headers(), head.headers());
    }
    head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    x.ctx.writeAndFlush(head);
    DripState state = new DripState();
    x.ctx.channel().closeFuture().addListener(f -> {
      if (state.journalOnce()) {
        x.journal(decision, 200, state.sent, null);
      }
    });
    tick(x, decision, d, body, state);
  }

  /** How far a drip has got; touched only on the channel's event loop. */
  private static final class DripState {
    int sent;
    private boolean journaled;

    boolean journalOnce() {
      boolean first = !journaled;
      journaled = true;
      return first;
    }
  }

  private static void tick(InFlight x, Decision decision, Effect.Drip d, byte[] body, DripState state) {
    ChannelHandlerContext ctx = x.ctx;
    if (!ctx.channel().isActive()) {
      return; // journaled by the close listener
    }
    if (state.sent >= body.length) {
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFutureListener) f -> {
        if (state.journalOnce()) {
          x.journal(decision, 200, body.length, LazySha256.known(Recorder.sha256Hex(body)));
        }
        x.finish(f.isSuccess());
      });
      return;
    }
    int n = Math.min(d.bytesPerTick(), body.length - state.sent);
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, state.sent, n)));
    state.sent += n;
    ctx.executor().schedule(() -> tick(x, decision, d, body, state), d.interval().toNanos(), TimeUnit.NANOSECONDS);
  }
}
