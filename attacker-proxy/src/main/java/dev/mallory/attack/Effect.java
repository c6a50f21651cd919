package dev.mallory.attack;

import dev.mallory.journal.Recording;
import java.time.Duration;
import java.util.List;

/**
 * What the proxy does with one exchange. A sealed set, not flags (OkHttp's {@code SocketEffect}):
 * the transport has one case per effect and the compiler checks it handles them all.
 */
public sealed interface Effect {

  /** A short name for the journal: the record's simple name (looked up once per class). */
  default String name() {
    return EffectNames.NAMES.get(getClass());
  }

  /** Serve upstream's answer unchanged. */
  record Passthrough() implements Effect {}

  /** Serve these bytes instead, with a correct Content-Length (HTTPChaos #2152 forgot that). */
  record ReplaceBody(int status, byte[] body, String contentType) implements Effect {
    public ReplaceBody {
      body = body.clone();
    }

    public ReplaceBody(byte[] body) {
      this(200, body, null);
    }
  }

  /** Serve a file recorded earlier: validly signed, just not current. */
  record ReplayRecorded(Recording recording) implements Effect {}

  /** Serve a file the attacker forged and signed (or left with stale signatures). */
  record Resign(byte[] body, List<String> signedBy) implements Effect {
    public Resign {
      body = body.clone();
      signedBy = List.copyOf(signedBy);
    }
  }

  /** How an endless body is framed on the wire. */
  enum Framing {
    /** No Content-Length, the body ends when the connection closes (which it never does). */
    CLOSE,
    /** A Content-Length that lies: more bytes follow than it declares. */
    LYING_LENGTH,
    /** Chunked transfer encoding, chunk after chunk. */
    CHUNKED
  }

  /**
   * Stream bytes until the client hangs up or {@code limitBytes} are sent.
   *
   * @param declaredLength the Content-Length announced for {@link Framing#LYING_LENGTH}
   * @param limitBytes stop after this many bytes ({@link Long#MAX_VALUE}: never)
   */
  record EndlessBody(Framing framing, long declaredLength, long limitBytes) implements Effect {}

  /** Send this body a few bytes at a time: slow retrieval. */
  record Drip(byte[] body, int bytesPerTick, Duration interval) implements Effect {
    public Drip {
      body = body.clone();
      if (bytesPerTick < 1) {
        throw new IllegalArgumentException("bytesPerTick must be at least 1");
      }
    }
  }

  /** Reset the TCP connection (RST) instead of answering. */
  record ResetConnection() implements Effect {}

  /**
   * Status line and headers announcing the whole body (Content-Length), the first {@code sentBytes}
   * of it, then a TCP reset: a connection that dies in the middle of a download.
   */
  record PartialThenReset(byte[] body, int sentBytes) implements Effect {
    public PartialThenReset {
      body = body.clone();
      if (sentBytes < 0 || sentBytes > body.length) {
        throw new IllegalArgumentException("sentBytes must lie between 0 and the body's length");
      }
    }
  }

  /** Accept the request and never answer; the connection stays open until the client closes it. */
  record Stall() implements Effect {}

  /**
   * Serve these already encoded bytes with a {@code Content-Encoding} header (a gzip bomb) and a
   * Content-Length of the encoded bytes. The proxy never decodes or re-encodes them.
   */
  record EncodedBody(int status, byte[] body, String contentType, String contentEncoding) implements Effect {
    public EncodedBody {
      body = body.clone();
    }
  }

  /** Answer with a status and a short text body (a mirror's 404, 500, ...). */
  record Status(int status, String body) implements Effect {}
}
