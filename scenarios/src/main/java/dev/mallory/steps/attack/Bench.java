package dev.mallory.steps.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.KeyIds;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.CanonicalJson;
import dev.mallory.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The attacker's workbench: JSON-level edits of metadata envelopes (features/README.md, "Forged
 * content" and the signature-list, padding and encoding steps). Every edit works on the
 * {@code signed} JSON as received, so fields the model does not know survive; signing goes through
 * {@link Dialect#signJson}, so the signatures cover the canonical form, as the spec requires.
 */
final class Bench {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The gzip bomb inflates to the file followed by this many spaces. */
  static final long BOMB_SPACES = 1L << 30;
  private static final int BOMB_BLOCK = 1 << 20;
  private static volatile byte[] spacesBlock;

  private Bench() {}

  static ObjectNode signedOf(byte[] envelope) {
    JsonNode signed = Json.parse(envelope).path("signed");
    if (!signed.isObject()) {
      throw new IllegalStateException("not a metadata envelope: no signed object");
    }
    return (ObjectNode) signed.deepCopy();
  }

  static ArrayNode signaturesOf(byte[] envelope) {
    JsonNode sigs = Json.parse(envelope).path("signatures");
    return sigs.isArray() ? (ArrayNode) sigs.deepCopy() : Json.nodes().arrayNode();
  }

  /** The envelope in the dialect's byte form, with the given signature list as it is. */
  static byte[] envelope(Dialect dialect, JsonNode signed, ArrayNode signatures) {
    if (dialect == Dialect.NOTARY) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes("{\"signed\":".getBytes(StandardCharsets.UTF_8));
      out.writeBytes(CanonicalJson.encode(signed));
      out.writeBytes(",\"signatures\":".getBytes(StandardCharsets.UTF_8));
      out.writeBytes(Json.write(signatures));
      out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
    ObjectNode env = Json.object();
    env.set("signed", signed);
    env.set("signatures", signatures);
    return Json.write(env);
  }

  /** A fresh key for the attacker, of the algorithm the genuine keys of the role use. */
  static SigningKey freshKey(Dialect dialect, KeyAlgorithm algorithm, String repositoryName) {
    return KeyGenerator.generate(algorithm, dialect.keyEncoding(), repositoryName);
  }

  static ObjectNode keyJson(Dialect dialect, SigningKey key) {
    return KeyIds.keyJson(key.publicKey(), dialect.keyEncoding());
  }

  /** {@code expires} moved by the given number of days, in the dialect's format. */
  static void moveExpires(Dialect dialect, ObjectNode signed, long days) {
    String text = signed.path("expires").asText();
    Instant expires;
    try {
      expires = OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException e) {
      expires = Instant.now();
    }
    signed.put("expires", dialect.formatExpires(expires.plusSeconds(days * 86_400)));
  }

  /** A target entry for these bytes: length and hashes as the dialect writes them. */
  static ObjectNode targetEntry(Dialect dialect, byte[] content) {
    ObjectNode entry = Json.object();
    entry.put("length", content.length);
    ObjectNode hashes = entry.putObject("hashes");
    hashes.put("sha256", encode(dialect, digest("SHA-256", content)));
    if (dialect == Dialect.NOTARY) {
      hashes.put("sha512", encode(dialect, digest("SHA-512", content)));
    }
    return entry;
  }

  /**
   * The pinning file's meta entry for the served bytes of a child: version, length and hashes
   * (Notary: length and hashes, the version only where the genuine entry had one).
   */
  static void pin(Dialect dialect, ObjectNode meta, String key, byte[] served, long version) {
    ObjectNode old = meta.path(key).isObject() ? (ObjectNode) meta.get(key) : Json.object();
    ObjectNode entry = Json.object();
    if (dialect != Dialect.NOTARY || old.has("version")) {
      entry.put("version", version);
    }
    entry.put("length", served.length);
    ObjectNode hashes = entry.putObject("hashes");
    hashes.put("sha256", encode(dialect, digest("SHA-256", served)));
    if (dialect == Dialect.NOTARY || old.path("hashes").has("sha512")) {
      hashes.put("sha512", encode(dialect, digest("SHA-512", served)));
    }
    meta.set(key, entry);
  }

  /** Every entry of the signature list twice, each copy next to its original. */
  static byte[] duplicateSignatures(Dialect dialect, byte[] envelope) {
    ArrayNode sigs = signaturesOf(envelope);
    ArrayNode doubled = Json.nodes().arrayNode();
    sigs.forEach(s -> {
      doubled.add(s.deepCopy());
      doubled.add(s.deepCopy());
    });
    return envelope(dialect, signedOf(envelope), doubled);
  }

  /** The signature list with one more entry: an unknown key id and random bytes. */
  static byte[] addInvalidSignature(Dialect dialect, byte[] envelope) {
    ArrayNode sigs = signaturesOf(envelope);
    byte[] keyId = new byte[32];
    byte[] sig = new byte[64];
    RANDOM.nextBytes(keyId);
    RANDOM.nextBytes(sig);
    ObjectNode junk = Json.object();
    junk.put("keyid", HexFormat.of().formatHex(keyId));
    if (!sigs.isEmpty() && sigs.get(0).has("method")) {
      junk.put("method", sigs.get(0).path("method").asText());
    }
    junk.put("sig", encode(dialect, sig));
    sigs.add(junk);
    return envelope(dialect, signedOf(envelope), sigs);
  }

  static byte[] pad(byte[] bytes, int spaces) {
    byte[] out = Arrays.copyOf(bytes, bytes.length + spaces);
    Arrays.fill(out, bytes.length, out.length, (byte) ' ');
    return out;
  }

  /**
   * A gzip stream that inflates to {@code prefix} followed by {@link #BOMB_SPACES} spaces. The
   * spaces are one deflated block of 1 MiB, flushed so it stands alone, repeated: about 1 MB on the
   * wire, built without deflating a gibibyte.
   */
  static byte[] gzipBomb(byte[] prefix) {
    byte[] block = spacesBlock();
    long blocks = BOMB_SPACES / BOMB_BLOCK;
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) (block.length * blocks) + prefix.length + 64);
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.writeBytes(deflate(prefix, false));
    CRC32 crc = new CRC32();
    crc.update(prefix);
    byte[] spaces = new byte[BOMB_BLOCK];
    Arrays.fill(spaces, (byte) ' ');
    for (long i = 0; i < blocks; i++) {
      out.writeBytes(block);
      crc.update(spaces);
    }
    out.writeBytes(deflate(new byte[0], true)); // the final, empty block
    long size = (prefix.length + BOMB_SPACES) & 0xffffffffL;
    writeLe32(out, crc.getValue());
    writeLe32(out, size);
    return out.toByteArray();
  }

  private static byte[] spacesBlock() {
    byte[] b = spacesBlock;
    if (b == null) {
      byte[] spaces = new byte[BOMB_BLOCK];
      Arrays.fill(spaces, (byte) ' ');
      b = deflate(spaces, false);
      spacesBlock = b;
    }
    return b;
  }

  /**
   * Raw deflate of the bytes with a fresh deflater. Not finishing leaves a byte-aligned, non-final,
   * self-contained segment (a full flush); finishing ends the stream with a final block.
   */
  private static byte[] deflate(byte[] input, boolean finish) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      d.setInput(input);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      if (finish) {
        d.finish();
        while (!d.finished()) {
          out.write(buf, 0, d.deflate(buf));
        }
      } else {
        int n;
        do {
          n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
          out.write(buf, 0, n);
        } while (n == buf.length);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static void writeLe32(ByteArrayOutputStream out, long v) {
    out.write((int) (v & 0xff));
    out.write((int) (v >>> 8 & 0xff));
    out.write((int) (v >>> 16 & 0xff));
    out.write((int) (v >>> 24 & 0xff));
  }

  static String encode(Dialect dialect, byte[] bytes) {
    return dialect == Dialect.NOTARY ? Base64.getEncoder().encodeToString(bytes) : HexFormat.of().formatHex(bytes);
  }

  static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is in every JDK", e);
    }
  }

  static List<String> keyIds(List<SigningKey> keys) {
    return keys.stream().map(SigningKey::keyId).toList();
  }
}
