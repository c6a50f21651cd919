package dev.mallory.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON parser of Mallory. It is strict where a lenient parser opens a differential between
 * implementations: duplicate object keys, floating point numbers, trailing data and oversized or
 * deeply nested input are all refused with a {@link MalformedJsonException}.
 */
public final class Json {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper WRITER = new ObjectMapper();

  private Json() {}

  public static JsonNodeFactory nodes() {
    return NODES;
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * Compact, standard JSON (control characters escaped) in the objects' own field order: the form
   * metadata files are served in. Not the canonical form: canonical JSON writes control characters
   * raw, which strict JSON parsers refuse, so it is only ever hashed and signed, never served.
   */
  public static byte[] write(JsonNode node) {
    try {
      return WRITER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** Parses with {@link JsonLimits#DEFAULT}. */
  public static JsonNode parse(byte[] bytes) {
    return parse(bytes, JsonLimits.DEFAULT);
  }

  public static JsonNode parse(byte[] bytes, JsonLimits limits) {
    if (bytes == null) {
      throw new MalformedJsonException("no bytes to parse");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new MalformedJsonException(
          "document of " + bytes.length + " bytes exceeds the limit of " + limits.maxBytes());
    }
    JsonNode node;
    try {
      node = mapper(limits).readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new MalformedJsonException("JSON exceeds a parser limit: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new MalformedJsonException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new MalformedJsonException("unreadable JSON: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new MalformedJsonException("empty document");
    }
    rejectFloats(node, 0);
    return node;
  }

  private static ObjectMapper mapper(JsonLimits limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxNumberLength(limits.maxNumberLength())
                    .maxStringLength(limits.maxStringLength())
                    .maxDocumentLength(limits.maxBytes())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .nodeFactory(NODES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        .build();
  }

  // Canonical JSON has integers only; a float that parses differently in two languages is a
  // classic signature-bypass differential, so it is refused on the way in.
  private static void rejectFloats(JsonNode node, int depth) {
    if (node.isFloatingPointNumber()) {
      throw new MalformedJsonException("floating point number " + node + " is not allowed");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        rejectFloats(it.next().getValue(), depth + 1);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        rejectFloats(child, depth + 1);
      }
    }
  }
}
