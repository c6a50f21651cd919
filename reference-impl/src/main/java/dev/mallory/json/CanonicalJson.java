package dev.mallory.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON as the TUF specification and Notary sign it (the OLPC rules, as implemented by
 * securesystemslib's {@code encode_canonical} and docker/go's {@code MarshalCanonical}): no
 * whitespace, object keys sorted by Unicode code point, integers only, and strings written raw with
 * only {@code "} and {@code \} escaped. The output is UTF-8.
 *
 * <p>Keys are compared by code point, not with {@link String#compareTo}: UTF-16 code-unit order puts
 * characters above U+FFFF (surrogate pairs) before U+E000..U+FFFF, UTF-8 byte order does not.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static byte[] encode(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static String encodeToString(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  /** Code point order of two strings, equal to the byte order of their UTF-8 encodings. */
  public static int compareCodePoints(String a, String b) {
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

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonNode child : node) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(child, out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> {
        if (!node.isIntegralNumber()) {
          throw new MalformedJsonException("canonical JSON has no floating point numbers: " + node);
        }
        out.append(node.bigIntegerValue().toString());
      }
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      default -> throw new MalformedJsonException("cannot canonicalise a " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<String> names = new ArrayList<>(node.size());
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    names.sort(CanonicalJson::compareCodePoints);
    out.append('{');
    boolean first = true;
    for (String name : names) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(name, out);
      out.append(':');
      write(node.get(name), out);
    }
    out.append('}');
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        // A lone surrogate has no UTF-8 form: encoders disagree on it, so it is refused.
        if (!Character.isHighSurrogate(c)
            || i + 1 >= s.length()
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new MalformedJsonException("string holds a lone surrogate at index " + i);
        }
        out.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

}
