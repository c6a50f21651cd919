package dev.mallory.repo.store;

/**
 * One signed version of one role, exactly as it is (or was) served.
 *
 * @param role role name: {@code root}, {@code targets}, {@code targets/releases}, {@code bin-3}
 * @param version the {@code signed.version} of the file
 * @param bytes the file's bytes; what parents' hashes and lengths cover
 * @param sha256 lower-case hex SHA-256 of {@code bytes}: its content address in the store
 */
public record RoleFile(String role, long version, byte[] bytes, String sha256) {
  public RoleFile {
    if (role == null || role.isEmpty()) {
      throw new IllegalArgumentException("a role file needs a role name");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    bytes = bytes.clone();
  }

  public static RoleFile of(String role, long version, byte[] bytes) {
    return new RoleFile(role, version, bytes, Hashes.sha256(bytes));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoleFile f && f.role.equals(role) && f.version == version && f.sha256.equals(sha256);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return "RoleFile[" + version + "." + role + ", " + bytes.length + " bytes, sha256=" + sha256.substring(0, 12) + "]";
  }
}
