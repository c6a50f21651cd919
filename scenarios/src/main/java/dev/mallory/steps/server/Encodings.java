package dev.mallory.steps.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/** Re-encodings of signed metadata that keep (or deliberately break) what the signatures cover. */
final class Encodings {
  private Encodings() {}

  /** Indented JSON with the same members: valid signatures over the canonical form, non-canonical bytes. */
  static byte[] pretty(JsonNode node) {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The envelope re-serialised; the signed part keeps its canonical bytes. */
  static byte[] reencode(ObjectNode envelope, byte[] original) {
    return Dialect.NOTARY.envelope(Json.parse(original).get("signed"), signatures(envelope.get("signatures")));
  }

  private static List<dev.mallory.model.Signature> signatures(JsonNode array) {
    List<dev.mallory.model.Signature> out = new ArrayList<>();
    for (JsonNode s : array) {
      out.add(new dev.mallory.model.Signature(s.get("keyid").asText(), s.path("method").asText(null),
          Base64.getDecoder().decode(s.get("sig").asText())));
    }
    return out;
  }

  static JsonNode reversed(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      ObjectNode out = Json.object();
      for (int i = names.size() - 1; i >= 0; i--) {
        out.set(names.get(i), reversed(node.get(names.get(i))));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.nodes().arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(reversed(it.next()));
      }
      return out;
    }
    return node;
  }

  static byte[] withInvalidUtf8(byte[] good) {
    String text = new String(good, StandardCharsets.UTF_8);
    int at = text.indexOf("\"expires\"");
    byte[] out = new byte[good.length + 2];
    System.arraycopy(good, 0, out, 0, at);
    out[at] = (byte) 0xC3;
    out[at + 1] = (byte) 0x28;
    System.arraycopy(good, at, out, at + 2, good.length - at);
    return out;
  }
}
