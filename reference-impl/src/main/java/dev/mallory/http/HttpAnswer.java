package dev.mallory.http;

import java.util.Map;

/** An HTTP answer before it is written: what a {@link NettyHttpServer} route returns. */
public interface HttpAnswer {
  int status();

  /** May be null: no Content-Type header. */
  String contentType();

  byte[] body();

  /** Extra headers, written after Content-Type. */
  Map<String, String> headers();

  /** A HEAD answer: Content-Length of the body, no body bytes. */
  default boolean headOnly() {
    return false;
  }
}
