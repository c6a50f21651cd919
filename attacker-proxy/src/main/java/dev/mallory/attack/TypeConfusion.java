package dev.mallory.attack;

import java.util.Optional;

/**
 * Type confusion (tuf-attacks B4): the attacker serves one role's genuine, validly signed file under
 * another role's name (a snapshot as the timestamp). Its signatures may even verify if the two
 * roles share keys.
 *
 * <p>Must be stopped by checking {@code signed._type} against the role asked for (5.4.2, 5.5.3 via
 * the metadata type check; tuf-conformance {@code test_incorrect_metadata_type}).
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role the role asked for
 * @param servedRole the role whose file is served instead
 */
public record TypeConfusion(String repository, String role, String servedRole) implements Attack {
  public TypeConfusion {
    if (role == null || servedRole == null) {
      throw new IllegalArgumentException("type-confusion needs role and servedRole");
    }
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.metadata(e, repository, role)) {
      return Optional.empty();
    }
    return Optional.of(new Effect.ReplaceBody(new RepositoryView(e, context).current(servedRole)));
  }
}
