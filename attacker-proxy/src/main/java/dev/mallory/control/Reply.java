package dev.mallory.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.json.Json;
import io.netty.handler.codec.http.HttpResponseStatus;

/** One answer of the control API. */
record Reply(HttpResponseStatus status, String contentType, byte[] body) {
  static Reply json(HttpResponseStatus status, JsonNode node) {
    return new Reply(status, "application/json", Json.write(node));
  }

  static Reply error(HttpResponseStatus status, String message) {
    ObjectNode o = Json.object();
    o.put("error", message);
    return json(status, o);
  }

  static Reply empty() {
    return new Reply(HttpResponseStatus.NO_CONTENT, null, new byte[0]);
  }
}
