package dev.mallory.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A deliberately independent JSON text writer for tests: the same tree can be written with extra
 * whitespace, reversed key order, every non-ASCII character escaped, or one object's first key
 * written twice. Only the last one changes what the document means; the others must leave the
 * canonical form (and so every signature) intact.
 */
final class JsonText {
  enum Style { COMPACT, SPACED, REVERSED_KEYS, ESCAPED }

  private final Style style;
  private final JsonNode duplicateIn; // identity of the object whose first key is written twice

  private JsonText(Style style, JsonNode duplicateIn) {
    this.style = style;
    this.duplicateIn = duplicateIn;
  }

  static byte[] write(JsonNode node, Style style) {
    StringBuilder out = new StringBuilder();
    new JsonText(style, null).value(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] writeWithDuplicateKey(JsonNode root, JsonNode object) {
    StringBuilder out = new StringBuilder();
    new JsonText(Style.COMPACT, object).value(root, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void ws(StringBuilder out) {
    if (style == Style.SPACED) {
      out.append(" \n\t\r ");
    }
  }

  private void value(JsonNode node, StringBuilder out) {
    ws(out);
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      if (style == Style.REVERSED_KEYS) {
        Collections.reverse(fields);
      }
      if (node == duplicateIn && !fields.isEmpty()) {
        fields.add(fields.get(0));
      }
      out.append('{');
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        ws(out);
        string(fields.get(i).getKey(), out);
        ws(out);
        out.append(':');
        value(fields.get(i).getValue(), out);
      }
      ws(out);
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        value(node.get(i), out);
      }
      ws(out);
      out.append(']');
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else {
      out.append(node.toString()); // numbers, booleans, null
    }
    ws(out);
  }

  private void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || (style == Style.ESCAPED && c > 0x7e)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
