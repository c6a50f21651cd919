package dev.mallory.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.model.MetadataFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser's contract on hostile bytes: a {@link MalformedJsonException} (a
 * {@link MetadataFormatException}), never another exception and never a hang. The encoding cases
 * are differentials: bytes another implementation (Python's {@code bytes.decode("utf-8")}, Go's
 * {@code encoding/json}) refuses must not be accepted here, or two clients would see two documents.
 */
class HostileJsonTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code {"a":"<bytes>"}}: raw bytes placed inside a string value. */
  private static byte[] inString(int... raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8("{\"a\":\""));
    for (int b : raw) {
      out.write(b);
    }
    out.writeBytes(utf8("\"}"));
    return out.toByteArray();
  }

  private static void refused(byte[] bytes) {
    assertTimeoutPreemptively(
        BOUND,
        () -> assertThatThrownBy(() -> Json.parse(bytes)).isInstanceOf(MalformedJsonException.class));
  }

  @ParameterizedTest(name = "malformed JSON is refused: {0}")
  @ValueSource(
      strings = {
        "{", "}", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "{,}", "{\"a\" 1}", "{a:1}",
        "{'a':1}", "{\"a\":'x'}", "{\"a\":tru}", "{\"a\":nul}", "\"unterminated", "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":0x10}", "{\"a\":1_000}", "{/*c*/}",
        "{\"a\":1}//c", "{\"a\":1}}", "{\"a\":1}{", "{\"a\":1} x", "[] []", "{\"a\":.5}",
        "{\"a\":-}", "\u00a0{}", "{\"a\":\"tab\there\"}", "{\"a\":\"nl\nhere\"}"
      })
  void malformedJsonIsRefusedWithTypedError(String text) {
    refused(utf8(text));
  }

  @ParameterizedTest(name = "a non-integer number is refused: {0}")
  @ValueSource(
      strings = {
        "{\"a\":NaN}", "{\"a\":-NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1.0}",
        "{\"a\":1e3}", "{\"a\":1E+3}", "{\"a\":-0.0}", "{\"a\":[1,2,3.5]}", "{\"a\":{\"b\":1e-7}}"
      })
  void floatsNanAndInfinityAreRefused(String text) {
    refused(utf8(text));
  }

  @Test
  void hugeIntegerWithinNumberLimitParsesExactly() {
    // 2^64 + 1: beyond long; the parser keeps it exact, the model decides (versions are refused
    // by the dialect, see HostileMetadataTest).
    JsonNode node = Json.parse(utf8("{\"v\":18446744073709551617}"));
    assertThat(node.get("v").bigIntegerValue()).hasToString("18446744073709551617");
  }

  @Test
  void integerLongerThanNumberLimitIsRefused() {
    refused(utf8("{\"v\":" + "9".repeat(100_000) + "}"));
  }

  @Test
  void duplicateKeysInAnObjectAreRefused() {
    refused(utf8("{\"a\":1,\"a\":2}"));
  }

  @Test
  void duplicateKeysSpelledWithDifferentEscapesAreRefused() {
    // "a" and "\u0061" are the same key once unescaped: Python keeps the last, Go the last too;
    // refusing both is the only answer that cannot differ.
    refused(utf8("{\"a\":1,\"\\u0061\":2}"));
  }

  @Test
  void duplicateKeysDeepInsideAreRefused() {
    refused(utf8("{\"x\":[{\"y\":{\"k\":true,\"k\":false}}]}"));
  }

  @Test
  void tenThousandLevelsOfArrayNestingAreRefusedQuickly() {
    refused(utf8("[".repeat(10_000) + "]".repeat(10_000)));
  }

  @Test
  void tenThousandLevelsOfObjectNestingAreRefusedQuickly() {
    refused(utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
  }

  @Test
  void unbalancedDeepNestingIsRefusedQuickly() {
    refused(utf8("[".repeat(1_000_000)));
  }

  @Test
  void twentyMegabyteDocumentIsRefusedBySize() {
    byte[] big = new byte[20 * 1024 * 1024];
    Arrays.fill(big, (byte) ' ');
    big[0] = '[';
    big[big.length - 1] = ']';
    refused(big);
  }

  @Test
  void twentyMegabyteStringIsRefusedWithinTighterLimits() {
    byte[] big = new byte[20 * 1024 * 1024];
    Arrays.fill(big, (byte) 'x');
    big[0] = '"';
    big[big.length - 1] = '"';
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertThatThrownBy(() -> Json.parse(big, new JsonLimits(32 * 1024 * 1024, 64, 40, 1024)))
                .isInstanceOf(MalformedJsonException.class));
  }

  @Test
  void trailingGarbageAfterTheDocumentIsRefused() {
    refused(utf8("{\"a\":1}garbage"));
    refused(utf8("{\"a\":1}\u0000"));
    refused(utf8("{\"a\":1},"));
  }

  @Test
  void trailingJsonWhitespaceIsAllowed() {
    assertThat(Json.parse(utf8(" \t\r\n{\"a\":1}\n")).get("a").intValue()).isEqualTo(1);
  }

  @Test
  void emptyAndBlankDocumentsAreRefused() {
    refused(new byte[0]);
    refused(utf8("   \n"));
    assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void utf8ByteOrderMarkIsRefused() {
    // python-tuf decodes with "utf-8" and json.loads refuses a leading U+FEFF; Go refuses the
    // byte 0xEF. Jackson's byte parser skipped it silently.
    byte[] doc = utf8("{\"a\":1}");
    byte[] withBom = new byte[doc.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(doc, 0, withBom, 3, doc.length);
    refused(withBom);
  }

  @Test
  void utf16AndUtf32DocumentsAreRefused() {
    // Jackson auto-detects these from the NUL bytes; metadata is UTF-8 only.
    refused("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE));
    refused("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE));
    refused("{\"a\":1}".getBytes(StandardCharsets.UTF_16)); // with BOM FE FF
    refused("{\"a\":1}".getBytes(java.nio.charset.Charset.forName("UTF-32LE")));
  }

  @Test
  void overlongUtf8EncodingOfSlashIsRefused() {
    // E0 80 AF is an overlong "/": a path filter on bytes would miss it, a lenient decoder sees "/".
    refused(inString(0xE0, 0x80, 0xAF));
    refused(inString(0xC0, 0xAF));
    refused(inString(0xC1, 0xBF));
    refused(inString(0xF0, 0x80, 0x80, 0xAF));
  }

  @Test
  void utf8EncodedSurrogatesAreRefused() {
    refused(inString(0xED, 0xA0, 0x80)); // lone U+D800 encoded directly (CESU-8 / WTF-8)
    refused(inString(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80)); // U+1F600 as an encoded surrogate pair
  }

  @Test
  void codePointsBeyondU10FFFFAreRefused() {
    refused(inString(0xF4, 0x90, 0x80, 0x80));
    refused(inString(0xF5, 0x80, 0x80, 0x80));
    refused(inString(0xF8, 0x88, 0x80, 0x80, 0x80));
  }

  @Test
  void truncatedAndStrayUtf8SequencesAreRefused() {
    refused(inString(0xC3));
    refused(inString(0xE2, 0x82));
    refused(inString(0x80));
    refused(inString(0xC3, 0x28));
    refused(inString(0xFF));
    refused(utf8("{\"a\":1}\u00ff")); // valid UTF-8 (C3 BF), but garbage after the document
  }

  @Test
  void invalidUtf8InAKeyIsRefused() {
    refused(new byte[] {'{', '"', (byte) 0xFE, '"', ':', '1', '}'});
  }

  @Test
  void wellFormedNonBmpTextIsAccepted() {
    JsonNode node = Json.parse(inString(0xF0, 0x9F, 0x98, 0x80));
    assertThat(node.get("a").textValue()).isEqualTo("\uD83D\uDE00");
  }

  @ParameterizedTest(name = "an escaped lone surrogate is refused: {0}")
  @ValueSource(
      strings = {
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"x\\ud83dy\"}",
        "{\"a\":\"\\ude00\\ud83d\"}", "{\"\\ud800\":1}", "{\"a\":[\"ok\",\"\\udfff\"]}"
      })
  void escapedLoneSurrogatesAreRefused(String text) {
    refused(utf8(text));
  }

  @Test
  void escapedSurrogatePairIsAccepted() {
    assertThat(Json.parse(utf8("{\"a\":\"\\ud83d\\ude00\"}")).get("a").textValue())
        .isEqualTo("\uD83D\uDE00");
  }

  @Test
  void rawControlCharactersInStringsAreRefused() {
    // Strict JSON: control characters must be escaped on the wire (canonical JSON writes them raw,
    // which is why canonical bytes are never served).
    refused(utf8("{\"a\":\"\u0001\"}"));
    refused(utf8("{\"a\":\"\u001f\"}"));
  }

  @Test
  void nonStandardWhitespaceBetweenTokensIsRefused() {
    refused(utf8("{\u00a0\"a\":1}"));
    refused(utf8("{\u2028\"a\":1}"));
    refused(utf8("{\u000b\"a\":1}"));
    refused(utf8("{\u000c\"a\":1}"));
  }
}
