package dev.mallory.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of canonical JSON over random trees: strings with every kind of code point (ASCII,
 * the two escaped characters, controls, BMP above the surrogates, non-BMP), integers far beyond
 * 64 bits, booleans, nulls, nested arrays and objects. An independent reference encoder in this
 * class (keys sorted by unsigned UTF-8 bytes rather than by code point) is the oracle.
 */
class CanonicalJsonPropertiesTest {

  // ---- generators ----------------------------------------------------------------------------

  private static Arbitrary<Integer> codePoint(boolean controls) {
    List<Tuple.Tuple2<Integer, Arbitrary<Integer>>> choices = new ArrayList<>();
    choices.add(Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)));
    choices.add(Tuple.of(2, Arbitraries.of(List.of((int) '"', (int) '\\', (int) '/'))));
    choices.add(Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)));
    choices.add(Tuple.of(2, Arbitraries.integers().between(0xE000, 0xFFFF)));
    choices.add(Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF)));
    if (controls) {
      choices.add(Tuple.of(1, Arbitraries.integers().between(0, 0x1f)));
    }
    return Arbitraries.frequencyOf(choices);
  }

  static Arbitrary<String> strings(boolean controls) {
    return codePoint(controls)
        .list()
        .ofMaxSize(8)
        .map(cps -> {
          StringBuilder sb = new StringBuilder();
          cps.forEach(sb::appendCodePoint);
          return sb.toString();
        });
  }

  static Arbitrary<JsonNode> scalars(boolean controls) {
    BigInteger big = BigInteger.TEN.pow(38);
    return Arbitraries.oneOf(
        strings(controls).map(s -> Json.nodes().textNode(s)),
        Arbitraries.bigIntegers().between(big.negate(), big).map(i -> Json.nodes().numberNode(i)),
        Arbitraries.longs().map(l -> Json.nodes().numberNode(BigInteger.valueOf(l))),
        Arbitraries.of(true, false).map(b -> Json.nodes().booleanNode(b)),
        Arbitraries.just(Json.nodes().nullNode()));
  }

  static Arbitrary<JsonNode> trees(boolean controls) {
    return Arbitraries.recursive(
        () -> scalars(controls),
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(5).map(items -> {
                  ArrayNode a = Json.nodes().arrayNode();
                  items.forEach(a::add);
                  return (JsonNode) a;
                }),
                Arbitraries.maps(strings(controls), inner).ofMaxSize(6).map(fields -> {
                  ObjectNode o = Json.object();
                  fields.forEach(o::set);
                  return (JsonNode) o;
                })),
        0,
        5);
  }

  @Provide
  Arbitrary<JsonNode> jsonTrees() {
    return trees(false);
  }

  @Provide
  Arbitrary<JsonNode> jsonTreesWithControls() {
    return trees(true);
  }

  @Provide
  Arbitrary<String> anyStrings() {
    return strings(true);
  }

  // ---- properties ----------------------------------------------------------------------------

  @Property(tries = 500)
  void parseOfEncodeIsStructurallyEqual(@ForAll("jsonTrees") JsonNode tree) {
    assertThat(Json.parse(CanonicalJson.encode(tree))).isEqualTo(tree);
  }

  @Property(tries = 500)
  void encodeIsIdempotentOverParse(@ForAll("jsonTrees") JsonNode tree) {
    byte[] once = CanonicalJson.encode(tree);
    assertThat(CanonicalJson.encode(Json.parse(once))).isEqualTo(once);
  }

  @Property(tries = 500)
  void servedFormRoundTripsToTheSameCanonicalBytesEvenWithControlCharacters(
      @ForAll("jsonTreesWithControls") JsonNode tree) {
    // Canonical bytes with raw control characters are not strict JSON, so what is served is
    // Json.write; parsing that back must give the same tree and the same canonical bytes.
    JsonNode reparsed = Json.parse(Json.write(tree));
    assertThat(reparsed).isEqualTo(tree);
    assertThat(CanonicalJson.encode(reparsed)).isEqualTo(CanonicalJson.encode(tree));
  }

  @Property(tries = 500)
  void encodeEqualsTheReferenceEncoderKeysInUtf8ByteOrder(@ForAll("jsonTreesWithControls") JsonNode tree) {
    assertThat(CanonicalJson.encode(tree)).isEqualTo(reference(tree));
  }

  @Property(tries = 500)
  void objectKeysOfTheOutputAreInStrictUtf8ByteOrder(@ForAll("jsonTrees") JsonNode tree) {
    assertKeysSorted(Json.parse(CanonicalJson.encode(tree)));
  }

  @Property(tries = 500)
  void codePointOrderEqualsUtf8ByteOrder(@ForAll("anyStrings") String a, @ForAll("anyStrings") String b) {
    int bytes =
        Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertThat(Integer.signum(CanonicalJson.compareCodePoints(a, b))).isEqualTo(Integer.signum(bytes));
  }

  @Property(tries = 500)
  void outputHasNoWhitespaceOutsideStrings(@ForAll("jsonTrees") JsonNode tree) {
    String out = CanonicalJson.encodeToString(tree);
    boolean inString = false;
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (inString && c == '\\') {
        i++;
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString) {
        assertThat(" \t\r\n").doesNotContain(String.valueOf(c));
      }
    }
  }

  // ---- the oracle ----------------------------------------------------------------------------

  private static void assertKeysSorted(JsonNode node) {
    if (node.isObject()) {
      byte[] previous = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
        if (previous != null) {
          assertThat(Arrays.compareUnsigned(previous, key)).isNegative();
        }
        previous = key;
        assertKeysSorted(e.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(CanonicalJsonPropertiesTest::assertKeysSorted);
    }
  }

  /** A second, byte-oriented implementation of the OLPC rules. */
  static byte[] reference(JsonNode node) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    reference(node, out);
    return out.toByteArray();
  }

  private static void reference(JsonNode node, java.io.ByteArrayOutputStream out) {
    if (node.isObject()) {
      List<byte[]> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(k -> keys.add(k.getBytes(StandardCharsets.UTF_8)));
      keys.sort(Arrays::compareUnsigned);
      out.write('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        referenceString(keys.get(i), out);
        out.write(':');
        reference(node.get(new String(keys.get(i), StandardCharsets.UTF_8)), out);
      }
      out.write('}');
    } else if (node.isArray()) {
      out.write('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        reference(node.get(i), out);
      }
      out.write(']');
    } else if (node.isTextual()) {
      referenceString(node.textValue().getBytes(StandardCharsets.UTF_8), out);
    } else {
      out.writeBytes(node.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void referenceString(byte[] utf8, java.io.ByteArrayOutputStream out) {
    out.write('"');
    for (byte b : utf8) {
      if (b == '"' || b == '\\') {
        out.write('\\');
      }
      out.write(b);
    }
    out.write('"');
  }
}
