package dev.mallory.steps.params;

/** A FILE of the vocabulary: the metadata of a role, or a target file by its path. */
public sealed interface FileRef {
  record Metadata(RoleRef role) implements FileRef {
    @Override
    public String toString() {
      return role.toString();
    }
  }

  record Target(String path) implements FileRef {
    @Override
    public String toString() {
      return "target \"" + path + "\"";
    }
  }

  static FileRef parse(String text) {
    String t = text.strip();
    if (t.startsWith("target \"") && t.endsWith("\"")) {
      return new Target(t.substring("target \"".length(), t.length() - 1));
    }
    return new Metadata(RoleRef.parse(t));
  }
}
