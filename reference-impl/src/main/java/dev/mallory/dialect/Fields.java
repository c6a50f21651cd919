package dev.mallory.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.model.InvalidMetadataException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from a JSON object. Every wrong type or missing field becomes an
 * {@link InvalidMetadataException} naming the field, so no hostile document can surface as a
 * NullPointerException or ClassCastException.
 */
final class Fields {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private final JsonNode node;
  private final String where;

  private Fields(JsonNode node, String where) {
    this.node = node;
    this.where = where;
  }

  static Fields of(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new InvalidMetadataException(where + " must be a JSON object");
    }
    return new Fields(node, where);
  }

  JsonNode node() {
    return node;
  }

  boolean has(String name) {
    return node.has(name);
  }

  JsonNode required(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new InvalidMetadataException(where + "." + name + " is missing");
    }
    return value;
  }

  String string(String name) {
    JsonNode value = required(name);
    if (!value.isTextual()) {
      throw new InvalidMetadataException(where + "." + name + " must be a string");
    }
    return value.textValue();
  }

  String optionalString(String name) {
    return node.has(name) ? string(name) : null;
  }

  boolean bool(String name, boolean absent) {
    if (!node.has(name)) {
      return absent;
    }
    JsonNode value = node.get(name);
    if (!value.isBoolean()) {
      throw new InvalidMetadataException(where + "." + name + " must be a boolean");
    }
    return value.booleanValue();
  }

  long integer(String name) {
    return asLong(required(name), where + "." + name);
  }

  static long asLong(JsonNode value, String what) {
    if (!value.isIntegralNumber()) {
      throw new InvalidMetadataException(what + " must be an integer");
    }
    BigInteger big = value.bigIntegerValue();
    // Versions are unbounded in JSON; a Java long holds every version a real repository uses,
    // and anything larger is refused rather than silently wrapped.
    if (big.compareTo(LONG_MAX) > 0 || big.compareTo(LONG_MIN) < 0) {
      throw new InvalidMetadataException(what + " is out of range: " + big);
    }
    return big.longValue();
  }

  int threshold(String name) {
    long value = integer(name);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new InvalidMetadataException(where + "." + name + " is out of range: " + value);
    }
    return (int) value;
  }

  Fields object(String name) {
    return Fields.of(required(name), where + "." + name);
  }

  List<JsonNode> array(String name) {
    JsonNode value = required(name);
    if (!value.isArray()) {
      throw new InvalidMetadataException(where + "." + name + " must be an array");
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    value.forEach(items::add);
    return items;
  }

  List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(name)) {
      if (!item.isTextual()) {
        throw new InvalidMetadataException(where + "." + name + " must hold strings only");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** The members of an object field, in document order. */
  Map<String, JsonNode> members(String name) {
    Fields object = object(name);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /** Fields not in {@code known}: signed, so kept for re-serialisation. */
  Map<String, JsonNode> unrecognized(Set<String> known) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue().deepCopy());
      }
    }
    return out;
  }
}
