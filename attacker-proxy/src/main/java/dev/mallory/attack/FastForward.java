package dev.mallory.attack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fast-forward attack (tuf-attacks A4): with a stolen online key the attacker serves a role at a
 * huge version, so that later genuine metadata looks like a rollback and the client locks itself
 * out. Parents whose keys the attacker also holds are re-signed to list the new version.
 *
 * <p>Not preventable while the key is valid; recovery is 5.3.11 (after a root rotates the timestamp
 * and/or snapshot keys the client drops its trusted timestamp and snapshot). Without the key, the
 * signature checks (5.4.2, 5.5.3, 5.6.3) stop it.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role the role to fast-forward
 * @param version the version to claim (default 2147483647)
 * @param expires an instant or a duration from now; {@code null} keeps the genuine expiry
 * @param keys role name to key-store names; {@code null} or missing roles keep genuine signatures
 */
public record FastForward(
    String repository, String role, Long version, String expires, Map<String, List<String>> keys)
    implements Attack {
  public FastForward {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("fast-forward needs a role");
    }
    version = version == null ? Integer.MAX_VALUE : version;
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.metadata(e, repository, null)) {
      return Optional.empty();
    }
    var forged = Forgery.cached(e, context, () -> Forgery.forge(new RepositoryView(e, context), context, keys,
        new Forgery.Change(role, version, Forgery.expires(expires, context.clock()), null, null)));
    return Forgery.serve(e, forged);
  }
}
