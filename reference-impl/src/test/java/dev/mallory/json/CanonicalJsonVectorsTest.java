package dev.mallory.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyIds;
import dev.mallory.model.Key;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Fixed vectors for canonical JSON. Each expected output is derived by hand from the rules
 * securesystemslib's {@code encode_canonical} implements: {@code sorted()} keys (Python compares
 * {@code str} by code point), separators {@code ,} and {@code :} with no whitespace, strings
 * wrapped in {@code "} with only {@code \} and {@code "} escaped (everything else, control
 * characters included, written raw), {@code true}/{@code false}/{@code null}, integers in decimal,
 * anything else an error. The result is UTF-8.
 */
class CanonicalJsonVectorsTest {

  private static JsonNode parse(String json) {
    return Json.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String canonical(String json) {
    return new String(CanonicalJson.encode(parse(json)), StandardCharsets.UTF_8);
  }

  @Test
  void keysAreSortedAndWhitespaceRemoved() {
    // sorted(["b","a","c"]) == ["a","b","c"]; json.dumps separators=(",", ":")
    assertThat(canonical("{ \"b\" : 1 ,\n \"a\" : [ 1 , 2 ] , \"c\" : { } }")).isEqualTo("{\"a\":[1,2],\"b\":1,\"c\":{}}");
  }

  @Test
  void keyOrderIsByCodePointSoUpperCaseComesFirstAndPrefixesFirst() {
    // 'B' (0x42) < '_' (0x5f) < 'a' (0x61); "" < "a" < "aa" < "ab" (a prefix sorts first).
    assertThat(canonical("{\"ab\":0,\"a\":0,\"_\":0,\"aa\":0,\"B\":0,\"\":0}"))
        .isEqualTo("{\"\":0,\"B\":0,\"_\":0,\"a\":0,\"aa\":0,\"ab\":0}");
  }

  @Test
  void keyAboveUffffSortsAfterUfffdByCodePointNotBeforeItAsInUtf16() {
    // U+FFFD is UTF-16 FFFD and UTF-8 EF BF BD; U+1F600 is UTF-16 D83D DE00 and UTF-8 F0 9F 98 80.
    // Python: sorted(["\ufffd", "\U0001f600"]) == ["\ufffd", "\U0001f600"] (0xFFFD < 0x1F600).
    // String.compareTo would put U+1F600 first (0xD83D < 0xFFFD): a signature differential.
    ObjectNode node = Json.object();
    node.put("\uD83D\uDE00", 1);
    node.put("\uFFFD", 2);
    node.put("\uE000", 3); // private use, UTF-8 EE 80 80: after U+0000..U+DFFF, before U+FFFD
    byte[] expected =
        HexFormat.of()
            .parseHex(
                "7b" // {
                    + "22" + "ee8080" + "22" + "3a" + "33" + "2c" // "\uE000":3,
                    + "22" + "efbfbd" + "22" + "3a" + "32" + "2c" // "\uFFFD":2,
                    + "22" + "f09f9880" + "22" + "3a" + "31" // "\U0001F600":1
                    + "7d"); // }
    assertThat(CanonicalJson.encode(node)).isEqualTo(expected);
    assertThat("\uD83D\uDE00".compareTo("\uFFFD")).as("UTF-16 order differs").isNegative();
    assertThat(CanonicalJson.compareCodePoints("\uD83D\uDE00", "\uFFFD")).isPositive();
  }

  @Test
  void onlyQuoteAndBackslashAreEscaped() {
    // s.replace("\\", "\\\\").replace('"', '\\"'): a"b\c becomes "a\"b\\c"; "/" stays "/".
    ObjectNode node = Json.object().put("k", "a\"b\\c/d");
    assertThat(CanonicalJson.encodeToString(node)).isEqualTo("{\"k\":\"a\\\"b\\\\c/d\"}");
  }

  @Test
  void controlCharactersAreWrittenRaw() {
    // No \n, \t, \u0000 escapes: the bytes 00 01 09 0A 1F 7F go out as they are.
    ObjectNode node = Json.object().put("k", "\u0000\u0001\t\n\u001f\u007f");
    byte[] expected = HexFormat.of().parseHex("7b226b223a22" + "0001090a1f7f" + "227d");
    assertThat(CanonicalJson.encode(node)).isEqualTo(expected);
  }

  @Test
  void escapedInputIsWrittenUnescaped() {
    // The parser turns \u00e9, \n and \/ into characters; the encoder writes them raw (UTF-8 C3 A9).
    byte[] out = CanonicalJson.encode(parse("{\"k\":\"\\u00e9\\n\\/\"}"));
    assertThat(out).isEqualTo(HexFormat.of().parseHex("7b226b223a22" + "c3a9" + "0a" + "2f" + "227d"));
  }

  @Test
  void nonAsciiIsUtf8NotEscaped() {
    ObjectNode node = Json.object().put("\u00fcber", "\u2028\uD83D\uDE00");
    byte[] expected = HexFormat.of().parseHex("7b22" + "c3bc626572" + "223a22" + "e280a8" + "f09f9880" + "227d");
    assertThat(CanonicalJson.encode(node)).isEqualTo(expected);
  }

  @Test
  void integersOfAnySizeAreWrittenInDecimal() {
    // Python ints are unbounded; str(-0) == "0".
    assertThat(canonical("[0,-0,-1,9223372036854775807,9223372036854775808,-99999999999999999999999999999999999999]"))
        .isEqualTo("[0,0,-1,9223372036854775807,9223372036854775808,-99999999999999999999999999999999999999]");
    assertThat(CanonicalJson.encodeToString(Json.nodes().numberNode(new BigInteger("1" + "0".repeat(60)))))
        .isEqualTo("1" + "0".repeat(60));
  }

  @Test
  void literalsAndEmptyContainers() {
    assertThat(canonical("{\"t\":true,\"f\":false,\"n\":null,\"a\":[],\"o\":{},\"s\":\"\"}"))
        .isEqualTo("{\"a\":[],\"f\":false,\"n\":null,\"o\":{},\"s\":\"\",\"t\":true}");
  }

  @Test
  void arraysKeepTheirOrderAndNestedObjectsAreSortedToo() {
    assertThat(canonical("[3,1,{\"z\":[{\"y\":1,\"x\":2}],\"a\":null},2]"))
        .isEqualTo("[3,1,{\"a\":null,\"z\":[{\"x\":2,\"y\":1}]},2]");
  }

  @Test
  void floatingPointNumbersAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.encode(Json.nodes().numberNode(1.5)))
        .isInstanceOf(MalformedJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.encode(Json.object().put("v", new BigDecimal("1.0"))))
        .isInstanceOf(MalformedJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.encode(Json.nodes().numberNode(Double.NaN)))
        .isInstanceOf(MalformedJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.encode(Json.nodes().numberNode(1.0f)))
        .isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void loneSurrogatesAreRefusedInValuesAndKeys() {
    // Python: "\ud800".encode("utf-8") raises UnicodeEncodeError; a lenient encoder would write
    // "?" or EF BF BD, so two implementations would sign different bytes.
    for (String s : new String[] {"\uD800", "\uDC00", "a\uD83D", "\uDE00\uD83D", "x\uDFFFy"}) {
      assertThatThrownBy(() -> CanonicalJson.encode(Json.object().put("k", s)))
          .isInstanceOf(MalformedJsonException.class);
      assertThatThrownBy(() -> CanonicalJson.encode(Json.object().put(s, 1)))
          .isInstanceOf(MalformedJsonException.class);
    }
  }

  @Test
  void nonJsonNodesAreRefused() {
    assertThatThrownBy(() -> CanonicalJson.encode(Json.nodes().binaryNode(new byte[] {1})))
        .isInstanceOf(MalformedJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.encode(Json.nodes().pojoNode(new Object())))
        .isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void tufKeyIdIsSha256OfTheHandWrittenCanonicalKey() throws Exception {
    // {"keytype":"ed25519","keyval":{"public":"<hex>"},"scheme":"ed25519"}: keys sorted
    // (keytype < keyval < scheme), no whitespace, no keyid_hash_algorithms added.
    String pub = "4e777de0d275f9d28588dd9a1606cc748e548f9e22b6795b7cb3f63f98035fcb";
    String canonical = "{\"keytype\":\"ed25519\",\"keyval\":{\"public\":\"" + pub + "\"},\"scheme\":\"ed25519\"}";
    Key key = new Key("ed25519", "ed25519", pub);
    assertThat(CanonicalJson.encodeToString(KeyIds.keyJson(key, KeyEncoding.TUF))).isEqualTo(canonical);
    assertThat(KeyIds.of(key, KeyEncoding.TUF)).isEqualTo(sha256(canonical));
  }

  @Test
  void tufKeyIdCoversUnknownKeyFieldsSuchAsKeyidHashAlgorithms() throws Exception {
    // Legacy keys carry keyid_hash_algorithms; it is part of the key object and so of the id.
    String pub = "ab".repeat(32);
    String canonical =
        "{\"keyid_hash_algorithms\":[\"sha256\",\"sha512\"],\"keytype\":\"ed25519\",\"keyval\":{\"public\":\""
            + pub + "\"},\"scheme\":\"ed25519\"}";
    Key key =
        new Key("ed25519", "ed25519", pub,
            java.util.Map.of("keyid_hash_algorithms", Json.nodes().arrayNode().add("sha256").add("sha512")));
    assertThat(KeyIds.of(key, KeyEncoding.TUF)).isEqualTo(sha256(canonical));
  }

  @Test
  void notaryKeyIdIsSha256OfKeytypeAndKeyvalWithNullPrivate() throws Exception {
    // Notary marshals {"keytype":T,"keyval":{"private":null,"public":B64}} canonically (Go's
    // canonical JSON also sorts keys): private < public.
    String pub = "TJJ2ENVz/zOu1gDqWfk4Dvvl5KdzfnKkw0+zrE2kBw4=";
    String canonical = "{\"keytype\":\"ed25519\",\"keyval\":{\"private\":null,\"public\":\"" + pub + "\"}}";
    assertThat(KeyIds.of(new Key("ed25519", null, pub), KeyEncoding.NOTARY)).isEqualTo(sha256(canonical));
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
