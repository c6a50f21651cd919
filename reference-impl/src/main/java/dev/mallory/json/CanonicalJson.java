package dev.mallory.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * Canonical JSON as the TUF specification and Notary sign it (the OLPC rules, as implemented by
 * securesystemslib's {@code encode_canonical} and docker/go's {@code MarshalCanonical}): no
 * whitespace, object keys sorted by Unicode code point, integers only, and strings written raw with
 * only {@code "} and {@code \} escaped. The output is UTF-8.
 *
 * <p>Keys are compared by code point, not with {@link String#compareTo}: UTF-16 code-unit order puts
 * characters above U+FFFF (surrogate pairs) before U+E000..U+FFFF, UTF-8 byte order does not.
 *
 * <p>The encoder writes UTF-8 bytes directly (no intermediate String), and is kept as a few small
 * methods dispatching on the node class: it runs once for every metadata file a client reads, so
 * it is hot, and one big recursive method with an enum switch cost a cold client seconds of C2
 * compilation (measured with JFR in SideBySideClientBenchmark).
 */
public final class CanonicalJson {
  private static final Comparator<Map.Entry<String, JsonNode>> BY_NAME =
      (a, b) -> compareCodePoints(a.getKey(), b.getKey());
  private static final int INSERTION_SORT_MAX = 24;

  private CanonicalJson() {}

  public static byte[] encode(JsonNode node) {
    Utf8Buffer out = new Utf8Buffer(1024);
    write(node, out);
    return out.toByteArray();
  }

  public static String encodeToString(JsonNode node) {
    return new String(encode(node), StandardCharsets.UTF_8);
  }

  /** Code point order of two strings, equal to the byte order of their UTF-8 encodings. */
  public static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char ca = a.charAt(k);
      char cb = b.charAt(k);
      if (ca != cb) {
        if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
          return Integer.compare(ca, cb); // below U+D800 or U+E000..U+FFFF: char order is code point order
        }
        return compareFromCodePoints(a, b);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int compareFromCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static void write(JsonNode node, Utf8Buffer out) {
    if (node instanceof ObjectNode object) {
      writeObject(object, out);
    } else if (node instanceof ArrayNode array) {
      writeArray(array, out);
    } else if (node.isTextual()) {
      writeString(node.textValue(), out);
    } else {
      writeScalar(node, out);
    }
  }

  private static void writeScalar(JsonNode node, Utf8Buffer out) {
    if (node.isNumber()) {
      if (!node.isIntegralNumber()) {
        throw new MalformedJsonException("canonical JSON has no floating point numbers: " + node);
      }
      out.ascii(node.bigIntegerValue().toString());
    } else if (node.isBoolean()) {
      out.ascii(node.booleanValue() ? "true" : "false");
    } else if (node.isNull()) {
      out.ascii("null");
    } else {
      throw new MalformedJsonException("cannot canonicalise a " + node.getNodeType());
    }
  }

  private static void writeArray(ArrayNode array, Utf8Buffer out) {
    out.put('[');
    for (int i = 0; i < array.size(); i++) {
      if (i > 0) {
        out.put(',');
      }
      write(array.get(i), out);
    }
    out.put(']');
  }

  @SuppressWarnings("unchecked")
  private static void writeObject(ObjectNode object, Utf8Buffer out) {
    Map.Entry<String, JsonNode>[] fields = object.properties().toArray(new Map.Entry[0]);
    sort(fields);
    out.put('{');
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.put(',');
      }
      writeString(fields[i].getKey(), out);
      out.put(':');
      write(fields[i].getValue(), out);
    }
    out.put('}');
  }

  // Objects are small and usually arrive sorted already (every TUF implementation writes them so):
  // an insertion sort is linear then. Larger ones (a snapshot's meta) take the library sort.
  private static void sort(Map.Entry<String, JsonNode>[] fields) {
    if (fields.length > INSERTION_SORT_MAX) {
      Arrays.sort(fields, BY_NAME);
      return;
    }
    for (int i = 1; i < fields.length; i++) {
      Map.Entry<String, JsonNode> field = fields[i];
      int j = i - 1;
      while (j >= 0 && compareCodePoints(fields[j].getKey(), field.getKey()) > 0) {
        fields[j + 1] = fields[j];
        j--;
      }
      fields[j + 1] = field;
    }
  }

  private static void writeString(String s, Utf8Buffer out) {
    out.put('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '"' || c == '\\') {
          out.put('\\');
        }
        out.put(c);
      } else if (!Character.isSurrogate(c)) {
        out.nonAscii(c);
      } else {
        // A lone surrogate has no UTF-8 form: encoders disagree on it, so it is refused.
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new MalformedJsonException("string holds a lone surrogate at index " + i);
        }
        out.supplementary(Character.toCodePoint(c, s.charAt(++i)));
      }
    }
    out.put('"');
  }

  /** A growable byte array taking UTF-8 as characters are written. */
  private static final class Utf8Buffer {
    private byte[] bytes;
    private int length;

    Utf8Buffer(int capacity) {
      bytes = new byte[capacity];
    }

    private void room(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }

    void put(char ascii) {
      room(1);
      bytes[length++] = (byte) ascii;
    }

    void ascii(String s) {
      for (int i = 0; i < s.length(); i++) {
        put(s.charAt(i));
      }
    }

    void nonAscii(char c) {
      room(3);
      if (c < 0x800) {
        bytes[length++] = (byte) (0xC0 | (c >> 6));
      } else {
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      }
      bytes[length++] = (byte) (0x80 | (c & 0x3F));
    }

    void supplementary(int codePoint) {
      room(4);
      bytes[length++] = (byte) (0xF0 | (codePoint >> 18));
      bytes[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
      bytes[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
      bytes[length++] = (byte) (0x80 | (codePoint & 0x3F));
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, length);
    }
  }
}
