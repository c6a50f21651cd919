package dev.mallory.server.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange with a Notary server, kept as evidence: the exact request (method, path,
 * headers, an excerpt of the body) and what the server answered.
 *
 * @param requestBodyLength full length of the request body in bytes
 * @param status the HTTP status, or -1 when no response arrived (connection reset, timeout)
 * @param failure why no response arrived, empty otherwise
 */
public record Exchange(
    String method,
    String path,
    Map<String, String> requestHeaders,
    String requestBodyExcerpt,
    long requestBodyLength,
    int status,
    String responseExcerpt,
    String failure) {

  /** How much of a body the evidence keeps. */
  public static final int EXCERPT = 400;

  public Exchange {
    requestHeaders = Map.copyOf(requestHeaders);
  }

  public boolean ok() {
    return status == 200;
  }

  /** One line for reports: {@code POST /v2/g/_trust/tuf/ [Content-Type: ...] body(1234 B): ... -> 400 {"errors":...}}. */
  public String describe() {
    StringBuilder b = new StringBuilder(method).append(' ').append(path);
    if (!requestHeaders.isEmpty()) {
      b.append(' ').append(new java.util.TreeMap<>(requestHeaders));
    }
    if (requestBodyLength > 0) {
      b.append(" body(").append(requestBodyLength).append(" B): ").append(requestBodyExcerpt);
    }
    b.append(" -> ");
    if (status < 0) {
      b.append("no response (").append(failure).append(')');
    } else {
      b.append(status);
      if (!responseExcerpt.isEmpty()) {
        b.append(' ').append(responseExcerpt);
      }
    }
    return b.toString();
  }

  /** A printable excerpt: at most {@link #EXCERPT} characters, control characters escaped. */
  public static String excerpt(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, EXCERPT * 2), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < EXCERPT; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (body.length > EXCERPT) {
      out.append("…");
    }
    return out.toString();
  }

  static List<String> describeAll(List<Exchange> exchanges) {
    return exchanges.stream().map(Exchange::describe).toList();
  }
}
