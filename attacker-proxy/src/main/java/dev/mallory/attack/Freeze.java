package dev.mallory.attack;

import dev.mallory.classify.Classified;
import dev.mallory.journal.Moment;
import dev.mallory.journal.Recorder;
import dev.mallory.journal.Recording;
import java.util.Objects;
import java.util.Optional;

/**
 * Indefinite freeze attack (tuf-attacks A5): the attacker serves the whole repository as it was
 * recorded at an earlier moment: every file still validly signed, just stale. Versions or hashes
 * that did not exist at that moment (a newer {@code N+1.root.json}) get a 404, withholding them.
 *
 * <p>Must be stopped by expiry against the fixed update start time: 5.3.10 (root), 5.4.4
 * (timestamp), 5.5.6 (snapshot), 5.6.5 (targets). Before the timestamp expires a freeze is silent
 * by design (an equal version is not an error).
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param moment the label given to {@code recorder.mark(label)} / {@code POST /moments}
 */
public record Freeze(String repository, String moment) implements Attack {
  public Freeze {
    if (moment == null || moment.isBlank()) {
      throw new IllegalArgumentException("freeze needs a moment (the label of recorder.mark)");
    }
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    Classified c = e.request();
    if (!Select.metadata(e, repository, null) && !Select.target(e, repository, null)) {
      return Optional.empty();
    }
    Recorder recorder = context.recorder();
    Moment m = recorder.moment(moment).orElseThrow(() -> new IllegalStateException(
        "freeze: no moment '" + moment + "'; known: " + recorder.moments()));
    return Optional.of(asOf(c, recorder, m.seq()));
  }

  /** What a repository frozen at {@code seq} serves for this request. Shared with mix-and-match. */
  static Effect asOf(Classified c, Recorder recorder, long seq) {
    String repo = c.repository();
    Optional<Recording> found;
    if (c.isTarget()) {
      found = recorder.targetAsOf(repo, c.targetPath(), seq);
      return found.<Effect>map(Effect.ReplayRecorded::new).orElse(new Effect.Passthrough());
    }
    found = switch (c.naming()) {
      case BY_NAME -> recorder.asOf(repo, c.role(), seq);
      case BY_VERSION -> recorder.versions(repo, c.role()).stream()
          .filter(r -> r.seq() <= seq && Objects.equals(r.version(), c.version())).reduce((a, b) -> b);
      case BY_HASH -> recorder.byHash(repo, c.hash()).filter(r -> r.seq() <= seq);
      case NONE -> Optional.empty();
    };
    return found.<Effect>map(Effect.ReplayRecorded::new)
        .orElse(new Effect.Status(404, "not in the repository as of this moment"));
  }
}
