package dev.mallory.steps.params;

import java.util.Set;

/**
 * A ROLE of the vocabulary: a top-level role by its name, or {@code role "NAME"} for a delegated
 * role or hash bin. Carries only the role name; the steps are given the repository dialect's name
 * ({@code role "targets/app-team"} for the feature's {@code role "app-team"} in the Notary dialect).
 */
public record RoleRef(String name) {
  private static final Set<String> TOP_LEVEL = Set.of("root", "timestamp", "snapshot", "targets");

  public RoleRef {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a role needs a name");
    }
  }

  /** Parses {@code snapshot} or {@code role "app-team"}. */
  public static RoleRef parse(String text) {
    String t = text.strip();
    if (t.startsWith("role \"") && t.endsWith("\"")) {
      return new RoleRef(t.substring("role \"".length(), t.length() - 1));
    }
    if (!TOP_LEVEL.contains(t)) {
      throw new IllegalArgumentException("not a role: " + text);
    }
    return new RoleRef(t);
  }

  public boolean isTopLevel() {
    return TOP_LEVEL.contains(name);
  }

  @Override
  public String toString() {
    return isTopLevel() ? name : "role \"" + name + "\"";
  }
}
