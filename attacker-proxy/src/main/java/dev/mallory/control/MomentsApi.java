package dev.mallory.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.journal.Moment;
import dev.mallory.journal.Recording;
import dev.mallory.json.Json;
import dev.mallory.proxy.AttackerProxy;
import dev.mallory.proxy.Capture;
import dev.mallory.proxy.CaptureException;
import dev.mallory.proxy.CaptureSpec;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code /moments}: list them; {@code POST {"label":"before"}} marks "the repository now" as the
 * proxy has seen it; {@code POST {"label":"before","capture":true}} (or a capture object) fetches
 * the repository from upstream first, so the moment holds every file even if no client asked.
 */
final class MomentsApi {
  private static final Set<String> FIELDS = Set.of("label", "capture");
  private static final Set<String> CAPTURE_FIELDS =
      Set.of("dialect", "gun", "metadataPath", "origin", "maxFiles", "maxFileBytes");
  private static final String USAGE = "POST /moments takes {\"label\": \"before\"} and optionally \"capture\": true or "
      + "{\"dialect\": \"tuf\"|\"notary\", \"gun\", \"metadataPath\", \"origin\", \"maxFiles\", \"maxFileBytes\"}";

  private MomentsApi() {}

  static Reply list(AttackerProxy proxy) {
    ArrayNode a = Json.nodes().arrayNode();
    proxy.recorder().moments().forEach(m -> a.add(momentJson(m)));
    return Reply.json(HttpResponseStatus.OK, a);
  }

  /** Bad input is refused at once (400); a capture runs off the network thread and answers when done. */
  static CompletableFuture<Reply> post(AttackerProxy proxy, JsonNode body) {
    if (!body.isObject()) {
      throw new AttackJson.BadInput(USAGE);
    }
    onlyFields(body, FIELDS, "");
    JsonNode label = body.path("label");
    if (!label.isTextual() || label.asText().isBlank()) {
      throw new AttackJson.BadInput(USAGE);
    }
    JsonNode capture = body.path("capture");
    if (capture.isMissingNode() || capture.isBoolean() && !capture.asBoolean()) {
      return CompletableFuture.completedFuture(
          Reply.json(HttpResponseStatus.CREATED, momentJson(proxy.mark(label.asText()))));
    }
    CaptureSpec spec = spec(capture, proxy.isForward());
    return proxy.captureAsync(label.asText(), spec).handle((c, error) -> {
      if (error == null) {
        return Reply.json(HttpResponseStatus.CREATED, captureJson(c));
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof CaptureException ce) {
        // Nothing was marked: the repository is bigger than asked for, or upstream failed.
        return Reply.error(ce.overLimit() ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_GATEWAY,
            "capture failed: " + ce.getMessage());
      }
      return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "mallory control: " + cause);
    });
  }

  static CaptureSpec spec(JsonNode capture, boolean forward) {
    if (capture.isBoolean()) {
      if (forward) {
        throw new AttackJson.BadInput("a forward proxy needs to know whom to capture: \"capture\": {\"origin\": "
            + "\"https://host:port\", ...}");
      }
      return CaptureSpec.tuf();
    }
    if (!capture.isObject()) {
      throw new AttackJson.BadInput("\"capture\" is true or an object; " + USAGE);
    }
    onlyFields(capture, CAPTURE_FIELDS, "capture.");
    String dialect = text(capture, "dialect");
    String gun = text(capture, "gun");
    String metadataPath = text(capture, "metadataPath");
    String origin = text(capture, "origin");
    if (dialect == null) {
      dialect = gun != null ? "notary" : "tuf";
    }
    try {
      CaptureSpec spec;
      switch (dialect) {
        case "notary" -> {
          if (gun == null) {
            throw new AttackJson.BadInput("for Notary the GUN must be given: \"capture\": {\"dialect\": \"notary\", "
                + "\"gun\": \"example.com/app\"}");
          }
          if (metadataPath != null) {
            throw new AttackJson.BadInput("capture.metadataPath is for the TUF layout; Notary's follows from the GUN");
          }
          spec = CaptureSpec.notary(gun);
        }
        case "tuf" -> {
          if (gun != null) {
            throw new AttackJson.BadInput("capture.gun is for Notary; the TUF layout takes capture.metadataPath");
          }
          spec = metadataPath == null ? CaptureSpec.tuf() : CaptureSpec.tuf(metadataPath);
        }
        default -> throw new AttackJson.BadInput("capture.dialect is \"tuf\" or \"notary\", not \"" + dialect + "\"");
      }
      if (origin != null) {
        if (!forward) {
          throw new AttackJson.BadInput("capture.origin is for a forward proxy; this one captures its upstream");
        }
        spec = spec.origin(URI.create(origin));
      } else if (forward) {
        throw new AttackJson.BadInput("a forward proxy needs capture.origin (\"https://host:port\")");
      }
      return spec.limits(intField(capture, "maxFiles", spec.maxFiles()),
          intField(capture, "maxFileBytes", spec.maxFileBytes()));
    } catch (IllegalArgumentException e) {
      throw new AttackJson.BadInput("capture: " + e.getMessage());
    }
  }

  private static void onlyFields(JsonNode node, Set<String> allowed, String prefix) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw new AttackJson.BadInput("unknown field '" + prefix + n + "'; " + USAGE);
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new AttackJson.BadInput("capture." + field + " must be a non-empty string");
    }
    return v.asText();
  }

  private static int intField(JsonNode node, String field, int fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new AttackJson.BadInput("capture." + field + " must be a whole number, not " + v);
    }
    return v.asInt();
  }

  static ObjectNode momentJson(Moment m) {
    ObjectNode o = Json.object();
    o.put("label", m.label());
    o.put("seq", m.seq());
    o.put("at", m.at().toString());
    return o;
  }

  private static ObjectNode captureJson(Capture c) {
    ObjectNode o = momentJson(c.moment());
    ArrayNode files = o.putArray("files");
    for (Recording r : c.files()) {
      ObjectNode f = files.addObject();
      f.put("path", r.path());
      f.put("role", r.role());
      if (r.version() != null) {
        f.put("version", r.version());
      }
      f.put("sha256", r.sha256());
      f.put("length", r.length());
    }
    ArrayNode missing = o.putArray("missing");
    c.missing().forEach(missing::add);
    return o;
  }
}
