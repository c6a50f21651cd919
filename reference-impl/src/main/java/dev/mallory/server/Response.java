package dev.mallory.server;

import dev.mallory.http.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer before it is written: status, content type (may be null), body, extra headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) implements HttpAnswer {
  /** notary-server serves metadata as text/plain (7.1 of the research notes), errors as JSON. */
  static final String METADATA_TYPE = "text/plain; charset=utf-8";
  static final String JSON_TYPE = "application/json; charset=utf-8";

  static Response ok(String contentType, byte[] body) {
    return new Response(200, contentType, body, Map.of());
  }

  static Response json(int status, String json) {
    return new Response(status, JSON_TYPE, json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Response empty(int status) {
    return new Response(status, null, new byte[0], Map.of());
  }

  Response withHeader(String name, String value) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new Response(status, contentType, body, h);
  }
}
