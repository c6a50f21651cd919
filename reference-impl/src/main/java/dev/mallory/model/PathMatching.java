package dev.mallory.model;

/** How a delegation's {@code paths} are matched against a target path; the dialects differ. */
public enum PathMatching {
  /**
   * TUF 1.0: shell-style glob per {@code /}-separated component, case-sensitive; a wildcard never
   * matches a separator, and pattern and path must have the same number of components.
   */
  GLOB {
    @Override
    public boolean matches(String pattern, String path) {
      String[] p = pattern.split("/", -1);
      String[] t = path.split("/", -1);
      if (p.length != t.length) {
        return false;
      }
      for (int i = 0; i < p.length; i++) {
        if (!Glob.matches(p[i], t[i])) {
          return false;
        }
      }
      return true;
    }
  },
  /** Notary: a path is delegated when it starts with one of the listed prefixes ({@code ""} is all). */
  PREFIX {
    @Override
    public boolean matches(String pattern, String path) {
      return path.startsWith(pattern);
    }
  };

  public abstract boolean matches(String pattern, String path);
}
