package dev.mallory.repo.update;

import dev.mallory.model.RoleType;

/**
 * Which role names a client may upload. As notary-server (data.ValidRole): root, targets, snapshot,
 * and delegations named {@code targets/<name>[/<name>...]}. The timestamp is always the server's.
 */
final class RoleNames {
  private static final int MAX_LENGTH = 255;

  private RoleNames() {}

  static void checkUploadable(String role) {
    if (role == null || role.isEmpty() || role.length() > MAX_LENGTH) {
      throw new InvalidRoleException(role, "empty or overlong role name");
    }
    if (role.equals("timestamp")) {
      throw new InvalidRoleException(role, "the timestamp is signed by the server, never uploaded");
    }
    if (RoleType.isTopLevel(role)) {
      return;
    }
    if (!role.startsWith("targets/") || role.endsWith("/")) {
      throw new InvalidRoleException(role, "not a valid role: " + role);
    }
    for (String segment : role.split("/")) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || !segment.matches("[A-Za-z0-9_.\\-]+")) {
        throw new InvalidRoleException(role, "not a valid delegated role name: " + role);
      }
    }
  }

  static RoleType typeOf(String role) {
    return RoleType.ofName(role).orElse(RoleType.TARGETS);
  }

  static String parentOf(String role) {
    int slash = role.lastIndexOf('/');
    return slash < 0 ? "targets" : role.substring(0, slash);
  }
}
