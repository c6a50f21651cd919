package dev.mallory.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.classify.Classified;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.journal.Recorder;
import dev.mallory.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The attacker's forging bench, shared by fast-forward, key compromise, extraneous dependencies and
 * the JSON-level forgeries. It edits the {@code signed} JSON of the current file (so unknown fields
 * survive), signs it with the keys handed to the attacker, and, for every parent whose key the
 * attacker also holds, rewrites the parent's {@code meta} entry (version, length, hashes) and
 * re-signs it with a bumped version: a chained forgery the client can only catch by signatures.
 * Where the attacker lacks a parent's key the genuine parent is served, and the mismatch between
 * its hashes and the forged child is what a client must catch (5.5.2, 5.6.2).
 */
final class Forgery {
  private Forgery() {}

  /** What to change in one role. */
  record Change(
      String role,
      Long version,
      Instant expires,
      Consumer<ObjectNode> signed,
      Consumer<ArrayNode> signatures) {}

  /**
   * Forges {@code change.role()} and then each parent the attacker can sign.
   *
   * @param keysByRole role name to the names of keys in the key store
   */
  static Map<String, ForgedFile> forge(
      RepositoryView view, AttackContext context, Map<String, List<String>> keysByRole, Change change) {
    Map<String, ForgedFile> out = new LinkedHashMap<>();
    Dialect dialect = view.dialect();
    ForgedFile child = forgeOne(view, context, keysByRole, change.role(), signed -> {
      if (change.signed() != null) {
        change.signed().accept(signed);
      }
      if (change.version() != null) {
        signed.put("version", change.version());
      }
      if (change.expires() != null) {
        signed.put("expires", dialect.formatExpires(change.expires()));
      }
    }, change.signatures());
    out.put(child.role(), child);
    for (String parent = parentOf(child.role(), dialect); parent != null; parent = parentOf(parent, dialect)) {
      List<String> parentKeys = keysByRole == null ? null : keysByRole.get(parent);
      if (parentKeys == null || parentKeys.isEmpty()) {
        break; // the attacker cannot sign this parent: the genuine one is served
      }
      final ForgedFile fixed = child;
      child = forgeOne(view, context, keysByRole, parent, signed -> {
        ObjectNode entry = signed.with("meta").with(dialect.metaKey(fixed.role()));
        entry.put("length", fixed.bytes().length);
        ObjectNode hashes = entry.with("hashes");
        boolean hadSha512 = hashes.has("sha512");
        hashes.removeAll();
        hashes.put("sha256", encode(dialect, digest("SHA-256", fixed.bytes())));
        if (hadSha512 || dialect == Dialect.NOTARY) {
          hashes.put("sha512", encode(dialect, digest("SHA-512", fixed.bytes())));
        }
        if (entry.has("version") || dialect == Dialect.TUF_1_0) {
          entry.put("version", fixed.version());
        }
        // A new parent at the same version would be ignored as "nothing new" (5.4.3.1).
        signed.put("version", signed.path("version").asLong() + 1);
      }, null);
      out.put(child.role(), child);
    }
    return out;
  }

  private static ForgedFile forgeOne(
      RepositoryView view, AttackContext context, Map<String, List<String>> keysByRole, String role,
      Consumer<ObjectNode> editSigned, Consumer<ArrayNode> editSignatures) {
    byte[] original = view.current(role);
    JsonNode envelope = Json.parse(original);
    ObjectNode signed = envelope.path("signed").deepCopy();
    long originalVersion = signed.path("version").asLong();
    editSigned.accept(signed);
    List<SigningKey> keys = context.keys().requireAll(keysByRole == null ? null : keysByRole.get(role));
    Dialect dialect = view.dialect();
    byte[] bytes;
    List<String> signedBy;
    if (keys.isEmpty()) {
      // No key: keep the genuine signatures, now over different bytes.
      ArrayNode sigs = envelope.path("signatures").isArray()
          ? (ArrayNode) envelope.path("signatures").deepCopy() : Json.nodes().arrayNode();
      bytes = envelopeOf(signed, sigs, editSignatures);
      signedBy = List.of();
    } else {
      byte[] signedOnce = dialect.signJson(signed, keys);
      ArrayNode sigs = (ArrayNode) Json.parse(signedOnce).path("signatures").deepCopy();
      bytes = envelopeOf(signed, sigs, editSignatures);
      signedBy = keys.stream().map(SigningKey::keyId).toList();
    }
    return new ForgedFile(role, bytes, signed.path("version").asLong(), Recorder.sha256Hex(bytes),
        originalVersion, Recorder.sha256Hex(original), signedBy);
  }

  private static byte[] envelopeOf(ObjectNode signed, ArrayNode signatures, Consumer<ArrayNode> edit) {
    if (edit != null) {
      edit.accept(signatures);
    }
    ObjectNode env = Json.object();
    env.set("signed", signed);
    env.set("signatures", signatures);
    return Json.write(env);
  }

  /** Who pins a role's hash and version: timestamp pins snapshot, snapshot pins the targets roles. */
  static String parentOf(String role, Dialect dialect) {
    return switch (role) {
      case "timestamp" -> null;
      case "snapshot" -> "timestamp";
      case "root" -> dialect == Dialect.NOTARY ? "snapshot" : null; // Notary's snapshot lists root
      default -> "snapshot";
    };
  }

  /** The forged file standing in for this request, if any. */
  static Optional<Effect> serve(Exchange e, Map<String, ForgedFile> forged) {
    Classified c = e.request();
    ForgedFile f = forged.get(c.role());
    if (f == null || !c.isMetadata()) {
      return Optional.empty();
    }
    boolean hit = switch (c.naming()) {
      case BY_NAME -> true;
      case BY_VERSION -> c.version() == f.version() || c.version() == f.originalVersion();
      case BY_HASH -> c.hash().equals(f.sha256()) || c.hash().equals(f.originalSha256());
      case NONE -> false;
    };
    return hit ? Optional.of(new Effect.Resign(f.bytes(), f.signedBy())) : Optional.empty();
  }

  /** A forgery computed once per repository for the life of the applied attack. */
  @SuppressWarnings("unchecked")
  static Map<String, ForgedFile> cached(
      Exchange e, AttackContext context, java.util.function.Supplier<Map<String, ForgedFile>> make) {
    return (Map<String, ForgedFile>) context.state()
        .computeIfAbsent("forged:" + e.request().repository(), k -> make.get());
  }

  /** {@code 2030-01-01T00:00:00Z}, or a duration from now ({@code P365D}, {@code -P1D} for expired). */
  static Instant expires(String text, Clock clock) {
    if (text == null) {
      return null;
    }
    try {
      if (text.startsWith("P") || text.startsWith("-P")) {
        return clock.instant().plus(Duration.parse(text));
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expires must be an instant (2030-01-01T00:00:00Z) or a duration (P30D, -P1D): " + text);
    }
  }

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
}
