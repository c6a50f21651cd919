package dev.mallory.model;

import java.util.Locale;
import java.util.Optional;

/** The four top-level roles of the specification (section 2.1). */
public enum RoleType {
  ROOT,
  TIMESTAMP,
  SNAPSHOT,
  TARGETS;

  /** The role's name as the specification writes it: {@code root}, {@code timestamp}, ... */
  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The top-level role with this exact (lower-case) name, if it is one. */
  public static Optional<RoleType> ofName(String name) {
    for (RoleType type : values()) {
      if (type.roleName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public static boolean isTopLevel(String name) {
    return ofName(name).isPresent();
  }
}
