package dev.mallory.attack;

import dev.mallory.classify.Classified;
import java.util.Objects;

/** Shared selectors: attacks choose exchanges by repository, role and target, never by URL. */
final class Select {
  private Select() {}

  /** A GET of this role's metadata in this repository ({@code null} selects any). */
  static boolean metadata(Exchange e, String repository, String role) {
    Classified c = e.request();
    return c.isMetadata() && isGet(c) && repo(c, repository) && (role == null || role.equals(c.role()));
  }

  /** A GET of this target ({@code null} selects any target). */
  static boolean target(Exchange e, String repository, String targetPath) {
    Classified c = e.request();
    return c.isTarget() && isGet(c) && repo(c, repository)
        && (targetPath == null || targetPath.equals(c.targetPath()));
  }

  /** Metadata of {@code role} or, when {@code target} is set, that target. */
  static boolean roleOrTarget(Exchange e, String repository, String role, String target) {
    if (target != null) {
      return target(e, repository, target);
    }
    return metadata(e, repository, role);
  }

  static boolean repo(Classified c, String repository) {
    return repository == null || Objects.equals(repository, c.repository());
  }

  private static boolean isGet(Classified c) {
    return "GET".equals(c.method());
  }
}
