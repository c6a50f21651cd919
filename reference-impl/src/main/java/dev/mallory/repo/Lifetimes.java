package dev.mallory.repo;

import dev.mallory.dialect.Dialect;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long each role's metadata stays valid after it is signed. Defaults: TUF as python-tuf's
 * repository examples (root 1 y, targets 90 d, snapshot 7 d, timestamp 1 d); Notary as the real
 * client and server write (root 10 y, targets and snapshot 3 y, timestamp 14 d). Delegated roles
 * default to the targets lifetime.
 */
public final class Lifetimes {
  private final Map<String, Duration> byRole = new HashMap<>();

  private Lifetimes() {}

  public static Lifetimes defaults(Dialect dialect) {
    Lifetimes l = new Lifetimes();
    boolean tuf = dialect == Dialect.TUF_1_0;
    l.byRole.put("root", Duration.ofDays(tuf ? 365 : 3650));
    l.byRole.put("targets", Duration.ofDays(tuf ? 90 : 3 * 365));
    l.byRole.put("snapshot", Duration.ofDays(tuf ? 7 : 3 * 365));
    l.byRole.put("timestamp", Duration.ofDays(tuf ? 1 : 14));
    return l;
  }

  public Duration of(String role) {
    return byRole.getOrDefault(role, byRole.get("targets"));
  }

  public void set(String role, Duration lifetime) {
    // Zero and negative lifetimes are allowed: a scenario may want metadata expired when signed.
    byRole.put(role, lifetime);
  }
}
