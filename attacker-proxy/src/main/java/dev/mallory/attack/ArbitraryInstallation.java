package dev.mallory.attack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Arbitrary installation attack (tuf-attacks A1): the attacker answers a target request with bytes
 * of its choosing, either of the same length (so only the hash can tell) or of another length.
 *
 * <p>Must be stopped by 5.7 (target length and every listed hash) before the file is used.
 *
 * @param repository GUN or TUF repository name; {@code null} selects any
 * @param target target path; {@code null} selects every target
 * @param content the replacement (UTF-8); {@code null} with {@code sameLength} flips every byte
 * @param sameLength pad or cut {@code content} to the genuine length (default false)
 */
public record ArbitraryInstallation(String repository, String target, String content, Boolean sameLength)
    implements Attack {
  public ArbitraryInstallation {
    if (content == null && !Boolean.TRUE.equals(sameLength)) {
      throw new IllegalArgumentException("arbitrary-installation needs content, or sameLength: true");
    }
  }

  @Override
  public Optional<Effect> decide(Exchange e, AttackContext context) {
    if (!Select.target(e, repository, target)) {
      return Optional.empty();
    }
    byte[] genuine = e.upstream().body();
    byte[] body;
    if (Boolean.TRUE.equals(sameLength)) {
      if (content == null) {
        body = genuine.clone();
        for (int i = 0; i < body.length; i++) {
          body[i] = (byte) ~body[i];
        }
      } else {
        byte[] c = content.getBytes(StandardCharsets.UTF_8);
        body = Arrays.copyOf(c, genuine.length);
        if (c.length < genuine.length) {
          Arrays.fill(body, c.length, genuine.length, (byte) ' ');
        }
      }
    } else {
      body = content.getBytes(StandardCharsets.UTF_8);
    }
    return Optional.of(new Effect.ReplaceBody(body));
  }
}
