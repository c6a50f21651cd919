package dev.mallory.sut.notary;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the notary client comes to trust a repository's root; the part after {@code notary:} in the
 * client spec.
 *
 * <ul>
 *   <li>{@code notary} ({@link Kind#PRIMED}) — the scenario's trusted root is placed where the
 *       client caches it ({@code TRUSTDIR/tuf/GUN/metadata/root.json}); the client config keeps
 *       notary's default (TOFU allowed, but the cached root is used).
 *   <li>{@code notary:tofu} — a fresh trust dir: the client trusts whatever root it first sees.
 *   <li>{@code notary:no-tofu} — primed as {@code notary}, and {@code trust_pinning.disable_tofu}:
 *       a client that never trusts an unknown root on first use.
 *   <li>{@code notary:pinned} — a fresh trust dir; {@code trust_pinning.certs} pins the GUN to the
 *       root key ids of the scenario's trusted root ({@code signed.roles.root.keyids}), TOFU off.
 *   <li>{@code notary:ca=/abs/ca.pem} — a fresh trust dir; {@code trust_pinning.ca} for the GUN,
 *       TOFU off (the root certificate must be issued by that CA, CN = GUN).
 * </ul>
 */
public record NotaryMode(Kind kind, Optional<Path> caCert) {
  public enum Kind { PRIMED, TOFU, NO_TOFU, PINNED, CA }

  public static final NotaryMode PRIMED = new NotaryMode(Kind.PRIMED, Optional.empty());

  /** Parses what follows {@code notary:} ({@code ""} for plain {@code notary}). */
  public static NotaryMode parse(String option) {
    String o = option.strip();
    return switch (o) {
      case "", "primed" -> PRIMED;
      case "tofu" -> new NotaryMode(Kind.TOFU, Optional.empty());
      case "no-tofu" -> new NotaryMode(Kind.NO_TOFU, Optional.empty());
      case "pinned" -> new NotaryMode(Kind.PINNED, Optional.empty());
      default -> {
        if (o.startsWith("ca=") && o.length() > 3) {
          yield new NotaryMode(Kind.CA, Optional.of(Path.of(o.substring(3)).toAbsolutePath()));
        }
        throw new IllegalArgumentException("unknown notary client option '" + option
            + "'; known: notary, notary:tofu, notary:no-tofu, notary:pinned, notary:ca=/path/to/ca.pem");
      }
    };
  }

  /** The spec suffix, for the client's name in reports. */
  public String id() {
    return switch (kind) {
      case PRIMED -> "";
      case TOFU -> "tofu";
      case NO_TOFU -> "no-tofu";
      case PINNED -> "pinned";
      case CA -> "ca=" + caCert.orElseThrow();
    };
  }

  /** True when the trusted root is written into the client's cache before the first command. */
  public boolean primesCache() {
    return kind == Kind.PRIMED || kind == Kind.NO_TOFU;
  }
}
