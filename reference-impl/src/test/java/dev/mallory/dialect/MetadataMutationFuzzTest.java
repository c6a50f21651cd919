package dev.mallory.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.dialect.MetadataFixtures.Doc;
import dev.mallory.json.Json;
import dev.mallory.model.Metadata;
import dev.mallory.model.MetadataFormatException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing the reader with mutations of valid signed metadata of every role in both dialects.
 *
 * <p>Two rules must hold for every mutation:
 *
 * <ol>
 *   <li>parsing either succeeds or throws a {@link MetadataFormatException} subclass: never a
 *       NullPointerException, ClassCastException, IllegalArgumentException, ... and never a hang;
 *   <li>if it succeeds and the canonical form of {@code signed} changed, the trusted keys no longer
 *       reach the threshold (signatures cover the canonical bytes of what was received); if the
 *       canonical form and the signatures are unchanged (whitespace, key order, escapes), the
 *       threshold is still reached and the model is the one the original bytes give.
 * </ol>
 */
class MetadataMutationFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(5);
  private static List<Doc> docs;
  private static final Map<Doc, Metadata<?>> ORIGINALS = new ConcurrentHashMap<>();
  private static ExecutorService worker;

  @BeforeContainer
  static void generateFixtures() {
    docs = MetadataFixtures.all();
    docs.forEach(d -> ORIGINALS.put(d, d.dialect().parse(d.raw())));
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-parse");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterContainer
  static void stopWorker() {
    worker.shutdownNow();
  }

  /** One mutation of a document's bytes; {@code toString} is what jqwik reports on failure. */
  interface Mutation {
    byte[] apply(byte[] raw);
  }

  record Mutated(Doc doc, Mutation mutation) {
    @Override
    public String toString() {
      return doc + " / " + mutation;
    }
  }

  // ---- the properties ------------------------------------------------------------------------

  @Property(tries = 2500, shrinking = ShrinkingMode.BOUNDED)
  void byteLevelMutationsGiveTypedErrorsOrBrokenSignatures(@ForAll("byteMutations") Mutated m) {
    check(m);
  }

  @Property(tries = 2500, shrinking = ShrinkingMode.BOUNDED)
  void jsonLevelMutationsGiveTypedErrorsOrBrokenSignatures(@ForAll("jsonMutations") Mutated m) {
    check(m);
  }

  @Property(tries = 300)
  void reformattingThatKeepsTheCanonicalFormKeepsTheSignatures(@ForAll("reformats") Mutated m) {
    Metadata<?> parsed = m.doc().dialect().parse(m.mutation().apply(m.doc().raw()));
    assertThat(parsed.signedBytes()).isEqualTo(m.doc().payload());
    assertThat(m.doc().count(parsed).reached()).isTrue();
  }

  private static void check(Mutated m) {
    Doc doc = m.doc();
    byte[] mutated = m.mutation().apply(doc.raw());
    Future<?> run = worker.submit(() -> {
          Metadata<?> parsed;
          try {
            parsed = doc.dialect().parse(mutated);
          } catch (MetadataFormatException expected) {
            return;
          }
          boolean reached = doc.count(parsed).reached();
          if (!Arrays.equals(parsed.signedBytes(), doc.payload())) {
            assertThat(reached)
                .as("threshold reached although the canonical form of signed changed: %s", m)
                .isFalse();
          } else if (parsed.signatures().equals(ORIGINALS.get(doc).signatures())) {
            assertThat(reached).as("same canonical bytes and signatures, yet not verified: %s", m).isTrue();
            assertThat(parsed.signed())
                .as("same canonical bytes must give the same model: %s", m)
                .isEqualTo(ORIGINALS.get(doc).signed());
          }
        });
    try {
      run.get(PER_TRY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new AssertionError("parsing took longer than " + PER_TRY + ": " + m);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new AssertionError("parse of " + m + " threw " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  // ---- documents -----------------------------------------------------------------------------

  private static Arbitrary<Doc> doc() {
    return Arbitraries.of(docs);
  }

  // ---- byte-level mutations ------------------------------------------------------------------

  static final List<String> TOKENS =
      List.of(
          "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "0", "-0", "1e9", "1.5",
          "NaN", "-Infinity", "18446744073709551616", "99999999999999999999999999999999999999999",
          "\"\\ud800\"", "\"\\u0000\"", "\uFEFF", " ", "\n", "/*", "//", "'", "\"x\":1,", "[[[[[[[[",
          "\u00e9", "\uD83D\uDE00", "\"signed\":{},", "\"signatures\":[],", "\"keyid\":\"00\",");

  record FlipBit(int position, int bit) implements Mutation {
    public byte[] apply(byte[] raw) {
      byte[] out = raw.clone();
      out[position % out.length] ^= (byte) (1 << bit);
      return out;
    }
  }

  record Truncate(int position) implements Mutation {
    public byte[] apply(byte[] raw) {
      return Arrays.copyOf(raw, position % raw.length);
    }
  }

  record DeleteRange(int position, int length) implements Mutation {
    public byte[] apply(byte[] raw) {
      int from = position % raw.length;
      int to = Math.min(raw.length, from + length);
      return splice(raw, from, to, new byte[0]);
    }
  }

  record InsertBytes(int position, byte[] bytes) implements Mutation {
    public byte[] apply(byte[] raw) {
      int at = position % (raw.length + 1);
      return splice(raw, at, at, bytes);
    }

    @Override
    public String toString() {
      return "InsertBytes[" + position + ", " + java.util.HexFormat.of().formatHex(bytes) + "]";
    }
  }

  record InsertToken(int position, String token) implements Mutation {
    public byte[] apply(byte[] raw) {
      int at = position % (raw.length + 1);
      return splice(raw, at, at, token.getBytes(StandardCharsets.UTF_8));
    }
  }

  record ReplaceWithToken(int position, int length, String token) implements Mutation {
    public byte[] apply(byte[] raw) {
      int from = position % raw.length;
      return splice(raw, from, Math.min(raw.length, from + length), token.getBytes(StandardCharsets.UTF_8));
    }
  }

  record Repeat(int times, List<Mutation> steps) implements Mutation {
    public byte[] apply(byte[] raw) {
      byte[] out = raw;
      for (Mutation step : steps) {
        if (out.length == 0) {
          return out;
        }
        out = step.apply(out);
      }
      return out;
    }
  }

  static byte[] splice(byte[] raw, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + insert.length);
    out.write(raw, 0, from);
    out.write(insert, 0, insert.length);
    out.write(raw, to, raw.length - to);
    return out.toByteArray();
  }

  private static Arbitrary<Mutation> oneByteMutation() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, 1 << 20);
    return Arbitraries.oneOf(
        Combinators.combine(pos, Arbitraries.integers().between(0, 7)).as(FlipBit::new),
        pos.map(Truncate::new),
        Combinators.combine(pos, Arbitraries.integers().between(1, 64)).as(DeleteRange::new),
        Combinators.combine(pos, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
            .as(InsertBytes::new),
        Combinators.combine(pos, Arbitraries.of(TOKENS)).as(InsertToken::new),
        Combinators.combine(pos, Arbitraries.integers().between(1, 8), Arbitraries.of(TOKENS))
            .as(ReplaceWithToken::new));
  }

  @Provide
  Arbitrary<Mutated> byteMutations() {
    Arbitrary<Mutation> many =
        oneByteMutation().list().ofMinSize(2).ofMaxSize(5).map(steps -> new Repeat(steps.size(), steps));
    Arbitrary<Mutation> mutation = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, oneByteMutation()), net.jqwik.api.Tuple.of(1, many));
    return Combinators.combine(doc(), mutation).as(Mutated::new);
  }

  // ---- JSON-level mutations ------------------------------------------------------------------

  /** A place in the tree: a parent container and the name or index of one of its members. */
  record Slot(ContainerNode<?> parent, String name, int index) {
    JsonNode get() {
      return parent instanceof ObjectNode o ? o.get(name) : ((ArrayNode) parent).get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode o) {
        o.set(name, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode o) {
        o.remove(name);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  static List<Slot> slots(JsonNode node) {
    List<Slot> out = new ArrayList<>();
    collect(node, out);
    return out;
  }

  private static void collect(JsonNode node, List<Slot> out) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        out.add(new Slot(o, name, -1));
        collect(o.get(name), out);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new Slot(a, null, i));
        collect(a.get(i), out);
      }
    }
  }

  static List<ObjectNode> objects(JsonNode node) {
    List<ObjectNode> out = new ArrayList<>();
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    for (Slot s : slots(node)) {
      if (s.get() instanceof ObjectNode o) {
        out.add(o);
      }
    }
    return out;
  }

  static JsonNode tree(byte[] raw) {
    return Json.parse(raw);
  }

  static byte[] bytes(JsonNode tree) {
    return JsonText.write(tree, JsonText.Style.COMPACT);
  }

  record DeleteMember(int slot) implements Mutation {
    public byte[] apply(byte[] raw) {
      JsonNode tree = tree(raw);
      List<Slot> slots = slots(tree);
      slots.get(slot % slots.size()).remove();
      return bytes(tree);
    }
  }

  /** Values of every JSON type, including the edge values of each. */
  static final List<JsonNode> VALUES =
      List.of(
          Json.nodes().textNode(""),
          Json.nodes().textNode("x"),
          Json.nodes().textNode("1"),
          Json.nodes().textNode("\u0000\"\\\uD83D\uDE00"),
          Json.nodes().numberNode(BigInteger.ZERO),
          Json.nodes().numberNode(BigInteger.ONE),
          Json.nodes().numberNode(BigInteger.valueOf(-1)),
          Json.nodes().numberNode(BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE)),
          Json.nodes().numberNode(BigInteger.valueOf(Long.MAX_VALUE)),
          Json.nodes().numberNode(BigInteger.ONE.shiftLeft(63)),
          Json.nodes().numberNode(BigInteger.ONE.shiftLeft(64).negate()),
          Json.nodes().booleanNode(true),
          Json.nodes().booleanNode(false),
          Json.nodes().nullNode(),
          Json.nodes().arrayNode(),
          Json.nodes().arrayNode().add("x"),
          Json.object(),
          Json.object().put("x", 1));

  record ChangeValue(int slot, int value) implements Mutation {
    public byte[] apply(byte[] raw) {
      JsonNode tree = tree(raw);
      List<Slot> slots = slots(tree);
      slots.get(slot % slots.size()).set(VALUES.get(value % VALUES.size()).deepCopy());
      return bytes(tree);
    }
  }

  record DuplicateKey(int object) implements Mutation {
    public byte[] apply(byte[] raw) {
      JsonNode tree = tree(raw);
      List<ObjectNode> objects = objects(tree);
      return JsonText.writeWithDuplicateKey(tree, objects.get(object % objects.size()));
    }
  }

  record DeepNest(int slot, int depth, boolean objects) implements Mutation {
    public byte[] apply(byte[] raw) {
      JsonNode tree = tree(raw);
      List<Slot> slots = slots(tree);
      Slot target = slots.get(slot % slots.size());
      JsonNode value = target.get().deepCopy();
      for (int i = 0; i < depth; i++) {
        value = objects ? Json.object().set("v", value) : Json.nodes().arrayNode().add(value);
      }
      target.set(value);
      return bytes(tree);
    }
  }

  record AddMember(int object, String name, int value) implements Mutation {
    public byte[] apply(byte[] raw) {
      JsonNode tree = tree(raw);
      List<ObjectNode> objects = objects(tree);
      ObjectNode target = objects.get(object % objects.size());
      if (!target.has(name)) {
        target.set(name, VALUES.get(value % VALUES.size()).deepCopy());
      }
      return bytes(tree);
    }
  }

  record Reformat(JsonText.Style style) implements Mutation {
    public byte[] apply(byte[] raw) {
      return JsonText.write(tree(raw), style);
    }
  }

  @Provide
  Arbitrary<Mutated> jsonMutations() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 10_000);
    Arbitrary<Integer> value = Arbitraries.integers().between(0, VALUES.size() - 1);
    Arbitrary<String> names =
        Arbitraries.of("version", "_type", "signed", "signatures", "keyid", "sig", "method", "keys",
            "roles", "paths", "path_hash_prefixes", "succinct_roles", "delegations", "custom", "x", "");
    Arbitrary<Mutation> mutation =
        Arbitraries.oneOf(
            index.map(DeleteMember::new),
            Combinators.combine(index, value).as(ChangeValue::new),
            index.map(DuplicateKey::new),
            Combinators.combine(index, Arbitraries.of(1, 2, 3, 70, 1_000), Arbitraries.of(true, false))
                .as(DeepNest::new),
            Combinators.combine(index, names, value).as(AddMember::new),
            Arbitraries.of(JsonText.Style.values()).map(Reformat::new));
    return Combinators.combine(doc(), mutation).as(Mutated::new);
  }

  @Provide
  Arbitrary<Mutated> reformats() {
    return Combinators.combine(doc(), Arbitraries.of(JsonText.Style.values()).map(Reformat::new))
        .as(Mutated::new);
  }
}
