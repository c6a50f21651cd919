package dev.mallory.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.dialect.MetadataFixtures.Doc;
import dev.mallory.dialect.MetadataMutationFuzzTest.Slot;
import dev.mallory.json.Json;
import dev.mallory.model.InvalidMetadataException;
import dev.mallory.model.Metadata;
import dev.mallory.model.MetadataFormatException;
import dev.mallory.model.Signature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Well-formed JSON that is not acceptable metadata: each case a typed error, nothing else. */
class HostileMetadataTest {

  static Stream<Doc> docs() {
    return MetadataFixtures.all().stream();
  }

  private static ObjectNode tree(Doc doc) {
    return (ObjectNode) Json.parse(doc.raw());
  }

  private static byte[] bytes(JsonNode tree) {
    return Json.write(tree);
  }

  private static void refused(Dialect dialect, byte[] raw) {
    assertThatThrownBy(() -> dialect.parse(raw)).isInstanceOf(MetadataFormatException.class);
  }

  /** Slots whose content is free-form by design: a wrong type there is not an error. */
  private static boolean freeForm(String path) {
    return path.contains("/custom") // TargetFile.custom: application data, any JSON
        || path.contains("/x-mallory") // an unknown field: kept and signed, never interpreted
        || path.endsWith("/keyval/private"); // Notary writes null here and never reads it
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name();
  }

  /** For every field of the document, every value of another JSON type: always a typed error. */
  @ParameterizedTest(name = "{0}: every field replaced by a value of a wrong type is a typed error")
  @MethodSource("docs")
  void wrongTypeInEveryFieldOfEveryRoleIsATypedError(Doc doc) {
    List<JsonNode> others =
        List.of(
            Json.nodes().textNode("x"),
            Json.nodes().numberNode(BigInteger.ONE),
            Json.nodes().booleanNode(true),
            Json.nodes().nullNode(),
            Json.nodes().arrayNode(),
            Json.object());
    List<String> accepted = new ArrayList<>();
    int cases = 0;
    int slots = paths(tree(doc)).size();
    for (int i = 0; i < slots; i++) {
      for (JsonNode replacement : others) {
        ObjectNode tree = tree(doc);
        var entry = paths(tree).get(i);
        if (freeForm(entry.path()) || kind(entry.slot().get()).equals(kind(replacement))) {
          continue;
        }
        entry.slot().set(replacement.deepCopy());
        cases++;
        try {
          doc.dialect().parse(bytes(tree));
          accepted.add(entry.path() + " := " + replacement);
        } catch (MetadataFormatException expected) {
          // the contract
        }
      }
    }
    assertThat(cases).isGreaterThan(20);
    assertThat(accepted).as("wrong types accepted").isEmpty();
  }

  record PathSlot(String path, Slot slot) {}

  private static List<PathSlot> paths(JsonNode root) {
    List<PathSlot> out = new ArrayList<>();
    walk(root, "", out);
    return out;
  }

  private static void walk(JsonNode node, String path, List<PathSlot> out) {
    if (node instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(name -> {
        out.add(new PathSlot(path + "/" + name, new Slot(o, name, -1)));
        walk(o.get(name), path + "/" + name, out);
      });
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new PathSlot(path + "/" + i, new Slot(a, null, i)));
        walk(a.get(i), path + "/" + i, out);
      }
    }
  }

  @ParameterizedTest(name = "{0}: every mandatory field deleted is a typed error or still valid, never a crash")
  @MethodSource("docs")
  void deletingAnyFieldIsATypedErrorOrStillValid(Doc doc) {
    int slots = paths(tree(doc)).size();
    for (int i = 0; i < slots; i++) {
      ObjectNode tree = tree(doc);
      paths(tree).get(i).slot().remove();
      byte[] raw = bytes(tree);
      assertThatCode(() -> {
            try {
              doc.dialect().parse(raw);
            } catch (MetadataFormatException expected) {
              // fine
            }
          })
          .doesNotThrowAnyException();
    }
  }

  private static byte[] edit(Doc doc, Consumer<ObjectNode> signed) {
    ObjectNode tree = tree(doc);
    signed.accept((ObjectNode) tree.get("signed"));
    return bytes(tree);
  }

  @ParameterizedTest(name = "{0}: a version beyond the 64-bit range is refused")
  @MethodSource("docs")
  void versionBeyondLongRangeIsRefused(Doc doc) {
    refused(doc.dialect(), edit(doc, s -> s.put("version", BigInteger.ONE.shiftLeft(63))));
    refused(doc.dialect(), edit(doc, s -> s.put("version", new BigInteger("9".repeat(39)))));
    refused(doc.dialect(), edit(doc, s -> s.put("version", BigInteger.ONE.shiftLeft(64).negate())));
  }

  @ParameterizedTest(name = "{0}: version 0 and negative versions are refused")
  @MethodSource("docs")
  void versionBelowOneIsRefused(Doc doc) {
    refused(doc.dialect(), edit(doc, s -> s.put("version", 0)));
    refused(doc.dialect(), edit(doc, s -> s.put("version", -1)));
  }

  @ParameterizedTest(name = "{0}: the largest 64-bit version parses")
  @MethodSource("docs")
  void versionAtLongMaxParses(Doc doc) {
    assertThat(doc.dialect().parse(edit(doc, s -> s.put("version", Long.MAX_VALUE))).version())
        .isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest(name = "{0}: a version written as a float is refused")
  @MethodSource("docs")
  void versionAsFloatIsRefused(Doc doc) {
    String text = new String(doc.raw(), StandardCharsets.UTF_8);
    String version = "\"version\":" + doc.signed().version();
    assertThat(text).contains(version);
    refused(doc.dialect(), text.replaceFirst(version, version + ".0").getBytes(StandardCharsets.UTF_8));
    refused(doc.dialect(), text.replaceFirst(version, version + "e0").getBytes(StandardCharsets.UTF_8));
    refused(doc.dialect(), text.replaceFirst(version, "\"version\":NaN").getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}: _type of another dialect or spelling is refused")
  @MethodSource("docs")
  void typeInAnotherSpellingIsRefused(Doc doc) {
    String type = doc.dialect().typeName(doc.signed().type());
    refused(doc.dialect(), edit(doc, s -> s.put("_type", type.toUpperCase(java.util.Locale.ROOT))));
    refused(doc.dialect(), edit(doc, s -> s.put("_type", "mirrors")));
    refused(doc.dialect(), edit(doc, s -> s.put("_type", type + " ")));
    Dialect other = doc.dialect() == Dialect.TUF_1_0 ? Dialect.NOTARY : Dialect.TUF_1_0;
    refused(doc.dialect(), edit(doc, s -> s.put("_type", other.typeName(doc.signed().type()))));
  }

  @ParameterizedTest(name = "{0}: expires that is not an RFC 3339 date-time is refused")
  @MethodSource("docs")
  void malformedExpiresIsRefused(Doc doc) {
    for (String bad : List.of("", "tomorrow", "2030-13-01T00:00:00Z", "2030-01-01", "2030-01-01T25:00:00Z", "1893456000")) {
      refused(doc.dialect(), edit(doc, s -> s.put("expires", bad)));
    }
  }

  @ParameterizedTest(name = "{0}: a duplicate key in signed is refused")
  @MethodSource("docs")
  void duplicateKeyInSignedIsRefused(Doc doc) {
    String text = new String(doc.raw(), StandardCharsets.UTF_8);
    String version = "\"version\":" + doc.signed().version();
    // Last-wins parsers would see version 99; first-wins ones the signed version.
    refused(doc.dialect(), text.replaceFirst(version, version + ",\"version\":99").getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}: a second signed object in the envelope is refused")
  @MethodSource("docs")
  void duplicateSignedInEnvelopeIsRefused(Doc doc) {
    String text = new String(doc.raw(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("{\"signed\":");
    refused(doc.dialect(), ("{\"signed\":{}," + text.substring(1)).getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}: the same key id twice among signatures is refused")
  @EnumSource(Dialect.class)
  void duplicateSignatureKeyIdIsRefused(Dialect dialect) {
    Doc doc = MetadataFixtures.of(dialect).docs().get(0);
    ObjectNode tree = tree(doc);
    ArrayNode sigs = (ArrayNode) tree.get("signatures");
    sigs.add(sigs.get(0).deepCopy());
    refused(dialect, bytes(tree));
  }

  private static Doc root(Dialect d) {
    return MetadataFixtures.of(d).docs().stream().filter(x -> x.name().equals("root")).findFirst().orElseThrow();
  }

  private static Doc targets(Dialect d) {
    return MetadataFixtures.of(d).docs().stream().filter(x -> x.name().equals("targets")).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0}: threshold 0 or below, or beyond int, in root roles is refused")
  @EnumSource(Dialect.class)
  void rootRoleThresholdBelowOneIsRefused(Dialect d) {
    for (long t : new long[] {0, -1, Integer.MIN_VALUE, 1L << 31, Long.MAX_VALUE}) {
      refused(d, edit(root(d), s -> ((ObjectNode) s.get("roles").get("timestamp")).put("threshold", t)));
    }
  }

  @ParameterizedTest(name = "{0}: threshold 0 in a delegated role is refused")
  @EnumSource(Dialect.class)
  void delegatedRoleThresholdZeroIsRefused(Dialect d) {
    refused(d, edit(targets(d), s -> ((ObjectNode) s.get("delegations").get("roles").get(0)).put("threshold", 0)));
  }

  @Test
  void succinctThresholdZeroAndBitLengthOutOfRangeAreRefused() {
    Doc doc =
        MetadataFixtures.of(Dialect.TUF_1_0).docs().stream()
            .filter(x -> x.name().contains("succinct")).findFirst().orElseThrow();
    refused(Dialect.TUF_1_0, edit(doc, s -> ((ObjectNode) s.get("delegations").get("succinct_roles")).put("threshold", 0)));
    for (int bits : new int[] {0, -1, 33, 64}) {
      refused(Dialect.TUF_1_0, edit(doc, s -> ((ObjectNode) s.get("delegations").get("succinct_roles")).put("bit_length", bits)));
    }
  }

  @ParameterizedTest(name = "{0}: a key id listed twice in a root role is refused")
  @EnumSource(Dialect.class)
  void duplicateKeyIdInRootRoleIsRefused(Dialect d) {
    refused(d, edit(root(d), s -> {
      ArrayNode ids = (ArrayNode) s.get("roles").get("root").get("keyids");
      ids.add(ids.get(0).textValue());
    }));
  }

  @ParameterizedTest(name = "{0}: a key id listed twice in a delegated role is refused")
  @EnumSource(Dialect.class)
  void duplicateKeyIdInDelegatedRoleIsRefused(Dialect d) {
    refused(d, edit(targets(d), s -> {
      ArrayNode ids = (ArrayNode) s.get("delegations").get("roles").get(0).get("keyids");
      ids.add(ids.get(0).textValue());
    }));
  }

  @ParameterizedTest(name = "{0}: an empty delegated role name is refused")
  @EnumSource(Dialect.class)
  void emptyDelegatedRoleNameIsRefused(Dialect d) {
    refused(d, edit(targets(d), s -> ((ObjectNode) s.get("delegations").get("roles").get(0)).put("name", "")));
  }

  @ParameterizedTest(name = "{0}: two delegated roles of the same name are refused")
  @EnumSource(Dialect.class)
  void duplicateDelegatedRoleNameIsRefused(Dialect d) {
    refused(d, edit(targets(d), s -> {
      ArrayNode roles = (ArrayNode) s.get("delegations").get("roles");
      roles.add(roles.get(0).deepCopy());
    }));
  }

  @Test
  void delegationWithBothPathsAndPathHashPrefixesIsRefused() {
    refused(Dialect.TUF_1_0, edit(targets(Dialect.TUF_1_0), s -> {
      ObjectNode role = (ObjectNode) s.get("delegations").get("roles").get(0);
      role.putArray("path_hash_prefixes").add("ab");
    }));
  }

  @Test
  void delegationWithNeitherPathsNorPathHashPrefixesIsRefused() {
    refused(Dialect.TUF_1_0, edit(targets(Dialect.TUF_1_0), s -> {
      ((ObjectNode) s.get("delegations").get("roles").get(0)).remove("paths");
    }));
  }

  @Test
  void delegationsWithBothRolesAndSuccinctRolesAreRefused() {
    refused(Dialect.TUF_1_0, edit(targets(Dialect.TUF_1_0), s -> {
      ObjectNode succinct = ((ObjectNode) s.get("delegations")).putObject("succinct_roles");
      succinct.set("keyids", s.get("delegations").get("roles").get(0).get("keyids").deepCopy());
      succinct.put("threshold", 1).put("bit_length", 4).put("name_prefix", "bin");
    }));
  }

  @ParameterizedTest(name = "{0}: root without one of the four top-level roles is refused")
  @EnumSource(Dialect.class)
  void rootMissingATopLevelRoleIsRefused(Dialect d) {
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      refused(d, edit(root(d), s -> ((ObjectNode) s.get("roles")).remove(role)));
    }
  }

  @ParameterizedTest(name = "{0}: negative lengths are refused")
  @EnumSource(Dialect.class)
  void negativeLengthsAreRefused(Dialect d) {
    refused(d, edit(targets(d), s -> ((ObjectNode) s.get("targets").get("app/v1.0.tgz")).put("length", -1)));
    Doc ts = MetadataFixtures.of(d).docs().stream().filter(x -> x.name().equals("timestamp")).findFirst().orElseThrow();
    refused(d, edit(ts, s -> ((ObjectNode) s.get("meta").get(d.metaKey("snapshot"))).put("length", -1)));
  }

  @ParameterizedTest(name = "{0}: signature bytes that are not hex/base64 are refused")
  @EnumSource(Dialect.class)
  void undecodableSignatureBytesAreRefused(Dialect d) {
    // "zz" and "abc" are odd-length hex, and base64 without its padding: Go's StdEncoding (which
    // Notary uses for []byte) refuses unpadded input, so Mallory must too.
    for (String bad : List.of("zz", "abc", "!!!!", "ab cd", "ab=c", "YQ", "YWJj\n")) {
      ObjectNode tree = tree(root(d));
      ((ObjectNode) tree.get("signatures").get(0)).put("sig", bad);
      refused(d, bytes(tree));
    }
  }

  @Test
  void notaryHashWithoutBase64PaddingIsRefused() {
    Doc ts = MetadataFixtures.of(Dialect.NOTARY).docs().stream()
        .filter(x -> x.name().equals("timestamp")).findFirst().orElseThrow();
    refused(Dialect.NOTARY, edit(ts, s -> {
      ObjectNode hashes = (ObjectNode) s.get("meta").get("snapshot").get("hashes");
      hashes.put("sha256", hashes.get("sha256").textValue().replace("=", ""));
    }));
  }

  @ParameterizedTest(name = "{0}: a signature under a key id the role does not list simply does not count")
  @EnumSource(Dialect.class)
  void signatureWithUnknownKeyIdDoesNotCount(Dialect d) {
    Doc doc = root(d);
    Metadata<?> parsed = d.parse(doc.raw());
    List<Signature> sigs = new ArrayList<>();
    for (Signature s : parsed.signatures()) {
      sigs.add(new Signature("ff".repeat(32).substring(0, 60) + s.keyId().substring(0, 4), s.method(), s.value()));
    }
    JsonNode signedJson = tree(doc).get("signed");
    byte[] raw = d.envelope(signedJson, sigs);
    Metadata<?> reparsed = d.parse(raw);
    var result = doc.count(reparsed);
    assertThat(result.valid()).isZero();
    assertThat(result.reached()).isFalse();
    // Mixed: one signature under an unknown id plus two valid ones still reaches 2.
    List<Signature> mixed = new ArrayList<>(parsed.signatures());
    mixed.add(new Signature("00".repeat(32), mixed.get(0).method(), mixed.get(0).value()));
    assertThat(doc.count(d.parse(d.envelope(signedJson, mixed))).valid()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}: metadata that is not an object, or lacks signed/signatures, is refused")
  @EnumSource(Dialect.class)
  void envelopeShapeIsEnforced(Dialect d) {
    for (String text : List.of("[]", "1", "\"x\"", "null", "true", "{}", "{\"signed\":{}}", "{\"signatures\":[]}",
        "{\"signed\":[],\"signatures\":[]}", "{\"signed\":{},\"signatures\":{}}", "{\"signed\":{},\"signatures\":[1]}",
        "{\"signed\":{\"_type\":1},\"signatures\":[]}")) {
      refused(d, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "{0}: a BOM before valid metadata is refused")
  @EnumSource(Dialect.class)
  void byteOrderMarkBeforeMetadataIsRefused(Dialect d) {
    byte[] raw = root(d).raw();
    byte[] bom = new byte[raw.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(raw, 0, bom, 3, raw.length);
    refused(d, bom);
  }

  @ParameterizedTest(name = "{0}: trailing garbage after valid metadata is refused")
  @EnumSource(Dialect.class)
  void trailingGarbageAfterMetadataIsRefused(Dialect d) {
    byte[] raw = root(d).raw();
    for (String tail : List.of("x", "{}", ",", "\u0000", "]")) {
      byte[] t = tail.getBytes(StandardCharsets.UTF_8);
      byte[] out = java.util.Arrays.copyOf(raw, raw.length + t.length);
      System.arraycopy(t, 0, out, raw.length, t.length);
      refused(d, out);
    }
  }

  @ParameterizedTest(name = "{0}: invalid UTF-8 inside signed is refused")
  @EnumSource(Dialect.class)
  void invalidUtf8InSignedIsRefused(Dialect d) {
    byte[] raw = root(d).raw();
    String text = new String(raw, StandardCharsets.UTF_8);
    int at = text.indexOf("\"expires\":\"") + "\"expires\":\"".length();
    byte[] out = raw.clone();
    out[at] = (byte) 0xC0; // overlong-lead byte followed by a digit: never valid UTF-8
    refused(d, out);
  }

  @ParameterizedTest(name = "{0}: deeply nested unknown field (10,000 levels) is refused quickly")
  @EnumSource(Dialect.class)
  void deeplyNestedUnknownFieldIsRefused(Dialect d) {
    String text = new String(root(d).raw(), StandardCharsets.UTF_8);
    String nested = "\"x-deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",";
    byte[] out = text.replaceFirst("\"signed\":\\{", "\"signed\":{" + java.util.regex.Matcher.quoteReplacement(nested))
        .getBytes(StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> refused(d, out));
  }

  @ParameterizedTest(name = "{0}: a 20 MB metadata document is refused by size")
  @EnumSource(Dialect.class)
  void twentyMegabyteMetadataIsRefused(Dialect d) {
    String text = new String(root(d).raw(), StandardCharsets.UTF_8);
    String pad = "\"x-pad\":\"" + "a".repeat(20 * 1024 * 1024) + "\",";
    byte[] out = ("{\"signed\":{" + pad + text.substring("{\"signed\":{".length())).getBytes(StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> refused(d, out));
  }

  @Test
  void invalidMetadataExceptionIsAMetadataFormatException() {
    assertThat(new InvalidMetadataException("x")).isInstanceOf(MetadataFormatException.class);
  }
}
