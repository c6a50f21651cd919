package dev.mallory.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.json.Json;
import dev.mallory.repo.update.UpdateRejectedException;
import java.nio.charset.StandardCharsets;

/**
 * Error bodies as notary-server writes them (docker/distribution errcode):
 * {@code {"errors":[{"code":..., "message":..., "detail":...}]}} with the messages of errors.go.
 */
final class NotaryErrors {
  private NotaryErrors() {}

  static Response metadataNotFound() {
    return error(404, "METADATA_NOT_FOUND", "You have requested metadata that does not exist.", null);
  }

  static Response rejected(UpdateRejectedException e) {
    String message =
        switch (e.code()) {
          case MALFORMED_UPLOAD -> "The body of your request is malformed.";
          case MALFORMED_JSON -> "JSON sent by the client could not be parsed by the server";
          case INVALID_ROLE -> "The role you are attempting to operate on is invalid.";
          case INVALID_UPDATE -> "Update sent by the client is invalid.";
          case VERSION -> "A newer version of metadata is already available.";
        };
    return error(400, e.code().name(), message, e.getMessage());
  }

  static Response invalidRole(String detail) {
    return error(400, "INVALID_ROLE", "The role you are attempting to operate on is invalid.", detail);
  }

  static Response unknown() {
    return error(500, "UNKNOWN", "unknown error", null);
  }

  /** Registry-style auth errors (docker/distribution's UNAUTHORIZED and DENIED). */
  static Response unauthorized(String detail) {
    return error(401, "UNAUTHORIZED", "authentication required", detail)
        .withHeader("WWW-Authenticate", "Basic realm=\"mallory\"");
  }

  static Response denied(String detail) {
    return error(403, "DENIED", "requested access to the resource is denied", detail);
  }

  static Response tooLarge() {
    return error(413, "MALFORMED_UPLOAD", "The body of your request is malformed.", "request body too large");
  }

  static Response error(int status, String code, String message, String detail) {
    ObjectNode body = Json.object();
    ArrayNode errors = body.putArray("errors");
    ObjectNode e = errors.addObject();
    e.put("code", code);
    e.put("message", message);
    if (detail == null) {
      e.putObject("detail");
    } else {
      e.put("detail", detail);
    }
    return new Response(status, Response.JSON_TYPE, Json.write(body), java.util.Map.of());
  }

  static String text(Response r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
