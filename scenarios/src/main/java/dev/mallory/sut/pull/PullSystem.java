package dev.mallory.sut.pull;

import java.util.Arrays;
import java.util.Locale;

/**
 * A pull client under test and the deployment it pulls from, parsed from the system spec
 * {@code pull:PULLER[@BACKEND]} of {@code mallory run --client} (and the system's name in reports).
 *
 * <ul>
 *   <li>PULLER: {@code reference} ({@link dev.mallory.registry.pull.ContentTrustPull}) or
 *       {@code naive} ({@link dev.mallory.registry.pull.NaivePull}, Docker 1.3's pull).
 *   <li>BACKEND: {@code tuf} (default: reference registry + reference server, TUF layout),
 *       {@code notary} (reference registry + reference server, Notary API) or {@code real} (the real
 *       docker-registry behind a tampering relay + the real notary-server, tags signed with the
 *       real notary client).
 * </ul>
 */
public record PullSystem(Puller puller, Backend backend) {
  public static final String PREFIX = "pull:";

  public enum Puller {
    REFERENCE, NAIVE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Backend {
    TUF, NOTARY, REAL;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static boolean isPullSpec(String spec) {
    return spec.strip().startsWith(PREFIX);
  }

  /** @throws IllegalArgumentException naming the valid specs */
  public static PullSystem parse(String spec) {
    String s = spec.strip();
    if (!s.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a pull client: '" + spec + "' (expected " + usage() + ")");
    }
    String rest = s.substring(PREFIX.length());
    int at = rest.indexOf('@');
    String puller = at < 0 ? rest : rest.substring(0, at);
    String backend = at < 0 ? "tuf" : rest.substring(at + 1);
    return new PullSystem(pick(Puller.values(), puller, spec), pick(Backend.values(), backend, spec));
  }

  public static String usage() {
    return "pull:reference|naive[@tuf|notary|real]";
  }

  /** The canonical name: {@code pull:reference@notary}. */
  public String name() {
    return PREFIX + puller.id() + "@" + backend.id();
  }

  private static <E extends Enum<E>> E pick(E[] values, String word, String spec) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(word.strip())) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown pull client '" + spec + "': '" + word + "' is not one of "
        + Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList() + " (" + usage() + ")");
  }
}
