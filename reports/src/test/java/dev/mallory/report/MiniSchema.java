package dev.mallory.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON Schema (2020-12) to check summary.json against the shipped schema without a
 * validator dependency: $ref to #/$defs, type, required, properties, additionalProperties, items,
 * enum, const, minimum. Anything else in the schema is ignored, which only makes this more lenient.
 */
final class MiniSchema {
  private final JsonNode root;

  MiniSchema(JsonNode root) {
    this.root = root;
  }

  /** Every violation, as {@code $.results[3].verdict: not in enum}; empty when valid. */
  List<String> validate(JsonNode value) {
    List<String> errors = new ArrayList<>();
    check(root, value, "$", errors);
    return errors;
  }

  private void check(JsonNode schema, JsonNode v, String at, List<String> errors) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      check(root.at(ref.substring(1)), v, at, errors);
      return;
    }
    if (schema.has("const") && !schema.get("const").equals(v)) {
      errors.add(at + ": expected " + schema.get("const") + " but was " + v);
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(v);
      }
      if (!found) {
        errors.add(at + ": " + v + " not in enum");
      }
    }
    if (schema.has("type") && !hasType(v, schema.get("type").asText())) {
      errors.add(at + ": expected " + schema.get("type").asText() + " but was " + v.getNodeType());
      return;
    }
    if (schema.has("minimum") && v.isNumber() && v.asLong() < schema.get("minimum").asLong()) {
      errors.add(at + ": below minimum");
    }
    if (v.isObject()) {
      if (schema.has("required")) {
        for (JsonNode r : schema.get("required")) {
          if (!v.has(r.asText())) {
            errors.add(at + ": missing required " + r.asText());
          }
        }
      }
      JsonNode props = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (props.has(f.getKey())) {
          check(props.get(f.getKey()), f.getValue(), at + "." + f.getKey(), errors);
        } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
          errors.add(at + ": unexpected property " + f.getKey());
        } else if (additional != null && additional.isObject()) {
          check(additional, f.getValue(), at + "." + f.getKey(), errors);
        }
      }
    }
    if (v.isArray() && schema.has("items")) {
      for (int i = 0; i < v.size(); i++) {
        check(schema.get("items"), v.get(i), at + "[" + i + "]", errors);
      }
    }
  }

  private static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> true;
    };
  }
}
