package dev.mallory.attack;

import dev.mallory.dialect.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key compromise (tuf-attacks A10, and arbitrary installation A1 with keys): the attacker holds
 * some keys and forges a role at any version and expiry, optionally adding or removing targets
 * (whose bytes it then serves), and re-signs every parent it holds a key for so hashes, lengths and
 * versions line up.
 *
 * <p>Must be stopped by thresholds: 5.3.4 (root), 5.4.2 (timestamp), 5.5.3 (snapshot), 5.6.3
 * (targets and each delegation), counting distinct keys of the trusted delegator only. With fewer
 * keys than the chain needs, the hash checks 5.5.2 / 5.6.2 catch the genuine parent.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role the role to forge
 * @param version the version to claim; {@code null} = the genuine version plus one
 * @param expires an instant or a duration from now; {@code null} keeps the genuine expiry
 * @param keys role name to key-store names used to sign that role
 * @param addTargets for targets roles: target path to its content (UTF-8), listed and served
 * @param removeTargets for targets roles: target paths to drop
 */
public record KeyCompromise(
    String repository,
    String role,
    Long version,
    String expires,
    Map<String, List<String>> keys,
    Map<String, String> addTargets,
    List<String> removeTargets)
    implements Attack {
  public KeyCompromise {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("key-compromise needs a role");
    }
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    addTargets = addTargets == null ? Map.of() : Map.copyOf(addTargets);
    removeTargets = removeTargets == null ? List.of() : List.copyOf(removeTargets);
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    String added = e.request().isTarget() ? addTargets.get(e.request().targetPath()) : null;
    if (added != null && Select.target(e, repository, e.request().targetPath())) {
      return Optional.of(new Effect.ReplaceBody(added.getBytes(StandardCharsets.UTF_8)));
    }
    if (!Select.metadata(e, repository, null)) {
      return Optional.empty();
    }
    var forged = Forgery.cached(e, context, () -> {
      RepositoryView view = new RepositoryView(e, context);
      Dialect dialect = view.dialect();
      return Forgery.forge(view, context, keys, new Forgery.Change(role, version,
          Forgery.expires(expires, context.clock()), signed -> {
            if (version == null) {
              signed.put("version", signed.path("version").asLong() + 1);
            }
            if (!addTargets.isEmpty() || !removeTargets.isEmpty()) {
              var targets = signed.with("targets");
              removeTargets.forEach(targets::remove);
              addTargets.forEach((path, content) ->
                  targets.set(path, Forgery.targetEntry(dialect, content.getBytes(StandardCharsets.UTF_8))));
            }
          }, null));
    });
    return Forgery.serve(e, forged);
  }
}
