package dev.mallory.registry.server;

import dev.mallory.http.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer before it is written; errors are distribution's {@code {"errors":[...]}} shape. */
record RegistryResponse(int status, String contentType, byte[] body, Map<String, String> headers, boolean headOnly)
    implements HttpAnswer {
  static RegistryResponse of(int status, String contentType, byte[] body) {
    return new RegistryResponse(status, contentType, body, new LinkedHashMap<>(), false);
  }

  static RegistryResponse empty(int status) {
    return of(status, null, new byte[0]);
  }

  static RegistryResponse json(int status, String json) {
    return of(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
  }

  /** distribution's error codes: BLOB_UNKNOWN, DIGEST_INVALID, MANIFEST_BLOB_UNKNOWN, NAME_INVALID... */
  static RegistryResponse error(int status, String code, String message) {
    String json = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]}";
    return json(status, json);
  }

  RegistryResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  RegistryResponse asHead() {
    return new RegistryResponse(status, contentType, body, headers, true);
  }
}
