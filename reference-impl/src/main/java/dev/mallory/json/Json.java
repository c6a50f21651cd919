package dev.mallory.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The one JSON parser of Mallory. It is strict where a lenient parser opens a differential between
 * implementations: duplicate object keys, floating point numbers, trailing data and oversized or
 * deeply nested input are all refused with a {@link MalformedJsonException}.
 */
public final class Json {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  // Building a JsonFactory costs far more than parsing a typical metadata file; it is immutable and
  // thread-safe once built, so the default one is built once. Reading needs no ObjectMapper: the
  // tree is built from the streaming parser below, which keeps databind's deserialiser machinery
  // (some 250 classes, and the JIT work on them) out of a client's cold start.
  private static final JsonFactory DEFAULT_FACTORY = factory(JsonLimits.DEFAULT);

  /** The writer, built on first use only (clients never write JSON). */
  private static final class Writer {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

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
      return Writer.MAPPER.writeValueAsBytes(node);
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
    // Identity first: a record's equals is bootstrapped through invokedynamic on its first call.
    JsonFactory factory = limits == JsonLimits.DEFAULT || JsonLimits.DEFAULT.equals(limits)
        ? DEFAULT_FACTORY : factory(limits);
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedJsonException("empty document");
      }
      JsonNode node = readTree(parser, first);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new MalformedJsonException("malformed JSON: trailing token " + trailing + " after the document");
      }
      return node;
    } catch (MalformedJsonException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw new MalformedJsonException("JSON exceeds a parser limit: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new MalformedJsonException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new MalformedJsonException("unreadable JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The tree of one JSON value, built without recursion (the parser bounds the nesting depth, but
   * a caller's limits may allow more than the thread stack would). Everything canonical JSON cannot
   * represent is refused here, as the value is read: floating point numbers (a float that parses
   * differently in two languages is a classic signature-bypass differential), and strings or keys
   * with a lone surrogate (only reachable through a JSON escape such as backslash-u-D800; it has no
   * UTF-8 form, one implementation replaces it, another refuses it). Duplicate keys are refused by
   * the parser (STRICT_DUPLICATE_DETECTION) and again here. Integers are kept exact (BigInteger).
   */
  private static JsonNode readTree(JsonParser parser, JsonToken first) throws IOException {
    ArrayDeque<ContainerNode<?>> open = new ArrayDeque<>();
    String name = null;
    JsonToken token = first;
    while (true) {
      JsonNode value;
      switch (token) {
        case FIELD_NAME -> {
          name = parser.currentName();
          requireWellFormed(name);
          token = parser.nextToken();
          continue;
        }
        case END_OBJECT, END_ARRAY -> {
          ContainerNode<?> closed = open.pop();
          if (open.isEmpty()) {
            return closed;
          }
          token = parser.nextToken();
          continue;
        }
        case START_OBJECT -> value = NODES.objectNode();
        case START_ARRAY -> value = NODES.arrayNode();
        case VALUE_STRING -> {
          String text = parser.getText();
          requireWellFormed(text);
          value = NODES.textNode(text);
        }
        case VALUE_NUMBER_INT -> value = NODES.numberNode(parser.getBigIntegerValue());
        case VALUE_NUMBER_FLOAT -> throw new MalformedJsonException(
            "floating point number " + parser.getText() + " is not allowed");
        case VALUE_TRUE -> value = NODES.booleanNode(true);
        case VALUE_FALSE -> value = NODES.booleanNode(false);
        case VALUE_NULL -> value = NODES.nullNode();
        default -> throw new MalformedJsonException("malformed JSON: unexpected " + token);
      }
      ContainerNode<?> parent = open.peek();
      if (parent == null) {
        if (!(value instanceof ContainerNode<?>)) {
          return value; // a scalar document
        }
      } else if (parent instanceof ObjectNode object) {
        if (object.replace(name, value) != null) {
          throw new MalformedJsonException("malformed JSON: duplicate field '" + name + "'");
        }
      } else {
        ((ArrayNode) parent).add(value);
      }
      if (value instanceof ContainerNode<?> container) {
        open.push(container);
      }
      token = parser.nextToken();
    }
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
    if (isAscii(bytes)) {
      // Most metadata is ASCII, and ASCII is the same in every encoding: a plain copy, no decoder.
      return new String(bytes, StandardCharsets.ISO_8859_1);
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

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static JsonFactory factory(JsonLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxNumberLength(limits.maxNumberLength())
                .maxStringLength(limits.maxStringLength())
                .maxDocumentLength(limits.maxBytes())
                .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
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
