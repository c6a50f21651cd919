package dev.mallory.proxy;

import dev.mallory.attack.Effect;
import dev.mallory.attack.Exchange;
import dev.mallory.attack.UpstreamResponse;
import dev.mallory.classify.Classified;
import dev.mallory.journal.JournalEntry;
import dev.mallory.journal.LazySha256;
import dev.mallory.journal.Recorder;
import dev.mallory.journal.Recording;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * One exchange, from the client's request to its journal entry: what was asked, what upstream
 * answered, which attack decided what, and (through {@link ClientResponse}) what was sent. It lives
 * on the client connection's event loop; only an attack's decision runs elsewhere.
 */
final class InFlight implements UpstreamClient.Listener {
  final ChannelHandlerContext ctx;
  final Origin origin;
  final Classified request;
  final boolean keepAlive;
  private final FrontendHandler frontend;
  private final AttackerProxy proxy;
  private final long seq;
  private final Instant at;
  private final long t0;
  /** The attacks in force when the request arrived: this exchange is decided by exactly these. */
  private final List<AppliedAttack> attacks;

  // Upstream's answer: set once, on the loop, before anything reads it.
  /** Held until {@link #release()}; {@code null} when upstream gave no answer. */
  FullHttpResponse response;
  int status;
  long length = -1;
  String error;
  /** Why the first attempt failed when the request was sent again on a fresh connection; else {@code null}. */
  private String retriedAfter;
  /** SHA-256 of upstream's body: the recording's when recorded, else computed if someone asks. */
  LazySha256 digest;
  private byte[] body;
  private boolean released;

  InFlight(FrontendHandler frontend, ChannelHandlerContext ctx, AttackerProxy proxy, long seq, Instant at, long t0,
      Origin origin, Classified request, boolean keepAlive, List<AppliedAttack> attacks) {
    this.frontend = frontend;
    this.ctx = ctx;
    this.proxy = proxy;
    this.seq = seq;
    this.at = at;
    this.t0 = t0;
    this.origin = origin;
    this.request = request;
    this.keepAlive = keepAlive;
    this.attacks = attacks;
  }

  @Override
  public void onResponse(FullHttpResponse r) {
    response = r;
    status = r.status().code();
    length = r.content().readableBytes();
    Recording recorded = record();
    // A body above LazySha256.MAX_HELD_BYTES is neither copied nor hashed for the journal alone.
    digest = recorded != null ? LazySha256.known(recorded.sha256())
        : length <= LazySha256.MAX_HELD_BYTES ? LazySha256.of(body()) : null;
    answered();
  }

  @Override
  public void onError(Throwable cause) {
    error = reason(cause);
    answered();
  }

  @Override
  public void onRetry(Throwable cause) {
    retriedAfter = reason(cause);
  }

  private static String reason(Throwable cause) {
    return String.valueOf(cause.getMessage() == null ? cause : cause.getMessage());
  }

  /** The recorder keeps every version it sees; an answer equal to the last one at its path costs a compare. */
  private Recording record() {
    if (status != 200 || length == 0 || !"GET".equals(request.method())
        || !(request.isMetadata() || request.isTarget())) {
      return null;
    }
    Recorder recorder = proxy.recorder();
    ByteBuf content = response.content();
    Optional<Recording> r = content.nioBufferCount() == 1
        ? recorder.repeated(request, content.nioBuffer()) : Optional.empty();
    if (r.isEmpty()) {
      r = recorder.record(request, body(), null);
    }
    return r.orElse(null);
  }

  private void answered() {
    if (attacks.isEmpty()) {
      ClientResponse.send(this, Decision.PASSTHROUGH);
      return;
    }
    UpstreamResponse upstream = new UpstreamResponse(status, body(), error); // copied here: read off the loop
    try {
      proxy.decideAsync(() -> {
        Decision d;
        try {
          d = Decision.decide(proxy, attacks, new Exchange(origin.host(), request, upstream), origin);
        } catch (RuntimeException e) {
          d = new Decision(new Effect.Status(500, "mallory: " + e), null);
        }
        Decision decision = d;
        ctx.executor().execute(() -> ClientResponse.send(this, decision));
      });
    } catch (RejectedExecutionException e) { // the proxy is closing
      release();
      ctx.close();
    }
  }

  /** Upstream's body, copied out of Netty's buffers on first use; {@code null} when there was no answer. */
  byte[] body() {
    if (body == null && response != null) {
      body = ByteBufUtil.getBytes(response.content());
    }
    return body;
  }

  void release() {
    if (!released && response != null) {
      released = true;
      response.release();
    }
  }

  void journal(Decision decision, int sentStatus, long sentBytes, LazySha256 sentDigest) {
    AppliedAttack a = decision.attack();
    proxy.journal().add(new JournalEntry(seq, at, origin.hostHeader(), request, status, length, digest, error,
        retriedAfter, decision.effect().name(), a == null ? null : a.id(), a == null ? null : a.attack().type(),
        sentStatus, sentBytes, sentDigest, (System.nanoTime() - t0) / 1000));
  }

  /** The response is out: the connection serves its next request, or closes. */
  void finish(boolean reusable) {
    frontend.done(ctx, keepAlive && reusable);
  }
}
