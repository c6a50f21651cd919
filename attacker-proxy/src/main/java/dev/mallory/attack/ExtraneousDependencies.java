package dev.mallory.attack;

import dev.mallory.dialect.Dialect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extraneous dependencies attack (tuf-attacks A3): the attacker adds an unintended target to a
 * targets role (and, when {@code dependencyOf} is set, lists it in that genuine target's
 * {@code custom.dependencies}) so that installing one package pulls another. The added target's
 * bytes are served when asked for.
 *
 * <p>Must be stopped by signatures over everything the application reads (5.6.3) and the hash
 * pinning of targets metadata (5.5.2, 5.6.2): without the targets, snapshot and timestamp keys the
 * edit is detectable.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param role the targets role to edit (default {@code targets})
 * @param target the extraneous target path
 * @param content its bytes (UTF-8)
 * @param dependencyOf a genuine target whose {@code custom.dependencies} gains {@code target}
 * @param keys role name to key-store names
 */
public record ExtraneousDependencies(
    String repository, String role, String target, String content, String dependencyOf,
    Map<String, List<String>> keys) implements Attack {
  public ExtraneousDependencies {
    if (target == null || content == null) {
      throw new IllegalArgumentException("extraneous-dependencies needs target and content");
    }
    role = role == null ? "targets" : role;
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (Select.target(e, repository, target)) {
      return Optional.of(new Effect.ReplaceBody(content.getBytes(StandardCharsets.UTF_8)));
    }
    if (!Select.metadata(e, repository, null)) {
      return Optional.empty();
    }
    var forged = Forgery.cached(e, context, () -> {
      RepositoryView view = new RepositoryView(e, context);
      Dialect dialect = view.dialect();
      return Forgery.forge(view, context, keys, new Forgery.Change(role, null, null, signed -> {
        signed.put("version", signed.path("version").asLong() + 1);
        var targets = signed.with("targets");
        targets.set(target, Forgery.targetEntry(dialect, content.getBytes(StandardCharsets.UTF_8)));
        if (dependencyOf != null && targets.has(dependencyOf)) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) targets.get(dependencyOf))
              .with("custom").withArray("dependencies").add(target);
        }
      }, null));
    });
    return Forgery.serve(e, forged);
  }
}
