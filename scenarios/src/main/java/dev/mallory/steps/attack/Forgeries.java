package dev.mallory.steps.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.SigningKey;
import dev.mallory.json.Json;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.steps.world.MetadataIdentity;
import dev.mallory.steps.world.ScenarioRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the attacker makes (features/README.md, "Forged content"): forged roots and roles, tampered
 * files, re-signed pinning files and signature-list edits, from the repository's genuine files and
 * the keys the attacker holds ({@link AttackerKeys}).
 */
final class Forgeries {
  /** Fresh expiries of re-signed pinning files: the repository's default lifetimes. */
  private static final Map<String, Duration> LIFETIMES =
      Map.of("timestamp", Duration.ofDays(1), "snapshot", Duration.ofDays(7), "root", Duration.ofDays(365));

  private final ScenarioRepository repository;
  private final AttackerKeys keys;

  Forgeries(ScenarioRepository repository, AttackerKeys keys) {
    this.repository = repository;
    this.keys = keys;
  }

  /**
   * A forged root (features/README.md, "Forged content"): the current root with every role given
   * to the attacker's own keys (same counts and thresholds), at the given version, signed with the
   * stolen root keys and the attacker's new root keys.
   */
  byte[] forgeRoot(long version) {
    ObjectNode signed = Bench.signedOf(repository.served().current("root").orElseThrow().bytes());
    ObjectNode keyJson = signed.with("keys");
    keyJson.removeAll();
    JsonNode roles = signed.path("roles");
    roles.fields().forEachRemaining(entry -> {
      ArrayNode ids = ((ObjectNode) entry.getValue()).putArray("keyids");
      for (SigningKey k : keys.own(entry.getKey())) {
        ids.add(k.keyId());
        keyJson.set(k.keyId(), Bench.keyJson(repository.dialect(), k));
      }
    });
    signed.put("version", version);
    List<SigningKey> signers = new ArrayList<>(keys.stolen("root"));
    signers.addAll(keys.own("root"));
    return repository.dialect().signJson(signed, signers);
  }

  static String editedRole(Behaviour b) {
    if (b instanceof Behaviour.DuplicateSignatures d) {
      return d.role();
    }
    if (b instanceof Behaviour.InvalidSignature i) {
      return i.role();
    }
    if (b instanceof Behaviour.Pad p) {
      return p.role();
    }
    return null;
  }

  static boolean hasEdits(String role, List<Behaviour> active) {
    return active.stream().anyMatch(b -> role.equals(editedRole(b)));
  }

  /** The signature-list edits of the role, in step order, then its padding. */
  byte[] edit(String role, byte[] bytes, List<Behaviour> active) {
    byte[] out = bytes;
    for (Behaviour b : active) {
      if (b instanceof Behaviour.DuplicateSignatures d && d.role().equals(role)) {
        out = Bench.duplicateSignatures(repository.dialect(), out);
      } else if (b instanceof Behaviour.InvalidSignature i && i.role().equals(role)) {
        out = Bench.addInvalidSignature(repository.dialect(), out);
      }
    }
    for (Behaviour b : active) {
      if (b instanceof Behaviour.Pad p && p.role().equals(role)) {
        out = Bench.pad(out, p.bytes());
      }
    }
    return out;
  }

  byte[] current(String role) {
    return repository.served().current(role).orElseThrow(() -> new IllegalStateException("the repository has no role " + role)).bytes();
  }

  byte[] genuine(String role, long version) {
    return repository.served().version(role, version).orElseThrow(() ->
        new IllegalStateException("the repository never published " + role + " version " + version)).bytes();
  }

  /**
   * A forged file (features/README.md, "Forged content"): the current signed content, the version
   * one above the current (or the one named), the same expiry, plus the change the step names;
   * signed by the signing rule.
   */
  byte[] forge(Behaviour.Forge f) {
    RoleFile current = repository.served().current(f.role()).orElseThrow(() ->
        new IllegalStateException("the repository has no role " + f.role() + " to forge"));
    ObjectNode signed = Bench.signedOf(current.bytes());
    signed.put("version", f.version() != null ? f.version() : current.version() + 1);
    Behaviour.Forgery forgery = f.forgery();
    if (forgery instanceof Behaviour.Forgery.ListTarget l) {
      signed.with("targets").set(l.path(), Bench.targetEntry(repository.dialect(), l.content()));
    } else if (forgery instanceof Behaviour.Forgery.Depend d) {
      ObjectNode targets = signed.with("targets");
      if (!targets.path(d.path()).isObject()) {
        targets.set(d.path(), genuineEntry(d.path()));
      }
      ObjectNode entry = (ObjectNode) targets.get(d.path());
      ArrayNode deps = entry.with("custom").withArray("dependencies");
      boolean present = false;
      for (JsonNode dep : deps) {
        present |= dep.asText().equals(d.dependency());
      }
      if (!present) {
        deps.add(d.dependency());
      }
    } else if (forgery instanceof Behaviour.Forgery.WithoutRole w) {
      JsonNode meta = signed.path("meta");
      if (!meta.isObject() || !meta.has(repository.dialect().metaKey(w.role()))) {
        throw new IllegalStateException("the " + f.role() + " lists no role " + w.role() + " to drop");
      }
      ((ObjectNode) meta).remove(repository.dialect().metaKey(w.role()));
    }
    return repository.dialect().signJson(signed, keys.signing(f.role()));
  }

  /** The genuine entry (length and hashes only) of a target, from whichever role lists it now. */
  private ObjectNode genuineEntry(String path) {
    for (String role : repository.served().roles()) {
      if (role.equals("root") || role.equals("snapshot") || role.equals("timestamp")) {
        continue;
      }
      JsonNode entry = Json.parse(current(role)).path("signed").path("targets").path(path);
      if (entry.isObject()) {
        ObjectNode copy = Json.object();
        copy.set("length", entry.path("length"));
        copy.set("hashes", entry.path("hashes").deepCopy());
        return copy;
      }
    }
    throw new IllegalStateException("the repository lists no target \"" + path + "\"");
  }

  /** The file with {@code expires} a year later and its genuine signature list left as it is. */
  byte[] tamper(byte[] bytes) {
    ObjectNode signed = Bench.signedOf(bytes);
    Bench.moveExpires(repository.dialect(), signed, 365);
    return Bench.envelope(repository.dialect(), signed, Bench.signaturesOf(bytes));
  }

  /**
   * The re-signing rule: a forged pinning file with the current content (or the content already
   * chosen for it), version one above the current (or the one its own forgery named), a fresh
   * expiry, and the meta entry of each child rewritten to the bytes served for it.
   */
  byte[] forgePinning(String role, byte[] base, Long version, Map<String, byte[]> children) {
    RoleFile current = repository.served().current(role).orElseThrow();
    ObjectNode signed = Bench.signedOf(base != null ? base : current.bytes());
    ObjectNode meta = signed.with("meta");
    children.forEach((child, bytes) ->
        Bench.pin(repository.dialect(), meta, repository.dialect().metaKey(child), bytes, MetadataIdentity.version(bytes)));
    signed.put("version", version != null ? version : current.version() + 1);
    signed.put("expires", repository.dialect().formatExpires(repository.clock().instant().plus(LIFETIMES.getOrDefault(role, Duration.ofDays(90)))));
    return repository.dialect().signJson(signed, keys.signing(role));
  }
}
