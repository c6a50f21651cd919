package dev.mallory.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Who may push to which repository namespace. Reads are open; writes (upload, delete, key rotation)
 * need a credential granted for a namespace that contains the repository. Disabled means anyone may
 * push, which the real notary client needs (it sends no credentials by default).
 */
public record PushAuth(List<Grant> grants) {
  /** A credential and the namespaces it may push to: {@code "example.com/app"} or a prefix ending in {@code /}, or {@code "*"}. */
  public record Grant(Credential credential, List<String> namespaces) {
    public Grant {
      namespaces = List.copyOf(namespaces);
    }

    boolean covers(String repository) {
      for (String ns : namespaces) {
        if (ns.equals("*") || ns.equals(repository) || (ns.endsWith("/") && repository.startsWith(ns))) {
          return true;
        }
      }
      return false;
    }
  }

  /** What a push request may present. */
  public sealed interface Credential {
    boolean matches(String authorizationHeader);
  }

  public record BearerToken(String token) implements Credential {
    @Override
    public boolean matches(String header) {
      return header.startsWith("Bearer ") && constantTimeEquals(header.substring(7).trim(), token);
    }
  }

  public record Basic(String user, String password) implements Credential {
    @Override
    public boolean matches(String header) {
      if (!header.startsWith("Basic ")) {
        return false;
      }
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        return constantTimeEquals(decoded, user + ":" + password);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** The outcome of checking one push. */
  public sealed interface Decision {
    record Allowed() implements Decision {}

    /** No credential, or one that matches no grant: 401. */
    record Unauthenticated(String reason) implements Decision {}

    /** A valid credential not granted this namespace: 403. */
    record Forbidden(String reason) implements Decision {}
  }

  public PushAuth {
    grants = List.copyOf(grants);
  }

  public static PushAuth disabled() {
    return new PushAuth(List.of());
  }

  public boolean enabled() {
    return !grants.isEmpty();
  }

  public Decision check(String repository, String authorizationHeader) {
    if (!enabled()) {
      return new Decision.Allowed();
    }
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      return new Decision.Unauthenticated("push requires credentials");
    }
    boolean known = false;
    for (Grant g : grants) {
      if (g.credential().matches(authorizationHeader)) {
        known = true;
        if (g.covers(repository)) {
          return new Decision.Allowed();
        }
      }
    }
    return known
        ? new Decision.Forbidden("credentials do not grant push to " + repository)
        : new Decision.Unauthenticated("unknown credentials");
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
