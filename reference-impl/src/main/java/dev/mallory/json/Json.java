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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
  // Building a JsonFactory and mapper costs far more than parsing a typical metadata file; both
  // are immutable and thread-safe once built, so the default one is built once.
  private static final ObjectMapper DEFAULT_READER = mapper(JsonLimits.DEFAULT);

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
    String text = strictUtf8(bytes);
    JsonNode node;
    try {
      ObjectMapper reader = JsonLimits.DEFAULT.equals(limits) ? DEFAULT_READER : mapper(limits);
      node = reader.readTree(text);
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
    rejectNonCanonical(node);
    return node;
  }

  /**
   * Metadata is UTF-8 (RFC 8259 8.1; TUF signs UTF-8). Decoding strictly here, before the parser
   * sees the bytes, closes differentials Jackson's byte parser leaves open: it skips a byte order
   * mark, auto-detects UTF-16 and UTF-32, and accepts overlong forms ({@code E0 80 AF} as
   * {@code /}), encoded surrogates (CESU-8) and code points above U+10FFFF, all of which Python's
   * and Go's decoders refuse.
   */
  private static String strictUtf8(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      throw new MalformedJsonException("document starts with a UTF-8 byte order mark");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedJsonException("document is not valid UTF-8: " + e, e);
    }
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
  // classic signature-bypass differential, so it is refused on the way in. A string (or key) with
  // a lone surrogate (only reachable through a JSON escape such as backslash-u-D800) has no UTF-8 form: one
  // implementation replaces it, another refuses it, so it is refused here too. The depth of the
  // walk is bounded by the parser's nesting limit.
  private static void rejectNonCanonical(JsonNode node) {
    if (node.isFloatingPointNumber()) {
      throw new MalformedJsonException("floating point number " + node + " is not allowed");
    }
    if (node.isTextual()) {
      requireWellFormed(node.textValue());
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        requireWellFormed(field.getKey());
        rejectNonCanonical(field.getValue());
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        rejectNonCanonical(child);
      }
    }
  }

  private static void requireWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new MalformedJsonException("string holds a lone surrogate at index " + i);
      }
    }
  }
}
