package dev.mallory.model;

/**
 * fnmatchcase semantics for one path component: {@code *} any run, {@code ?} one character,
 * {@code [seq]} / {@code [!seq]} a class. Case-sensitive on every platform (python-tuf
 * GHSA-qp9x-wp8f-qgjj was a case-insensitive match on Windows). Iterative, so hostile patterns
 * cannot blow the stack. Works on code points, as Python's fnmatch does: {@code ?} matches one
 * character even above U+FFFF, and a class can hold such characters.
 */
final class Glob {
  private Glob() {}

  static boolean matches(String patternText, String textText) {
    int[] pattern = patternText.codePoints().toArray();
    int[] text = textText.codePoints().toArray();
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    while (t < text.length) {
      if (p < pattern.length) {
        int c = pattern[p];
        if (c == '*') {
          starP = p++;
          starT = t;
          continue;
        }
        if (c == '?') {
          p++;
          t++;
          continue;
        }
        if (c == '[') {
          int end = classEnd(pattern, p);
          if (end > 0) {
            if (classMatches(pattern, p + 1, end, text[t])) {
              p = end + 1;
              t++;
              continue;
            }
          } else if (text[t] == '[') {
            p++;
            t++;
            continue;
          }
        } else if (c == text[t]) {
          p++;
          t++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP + 1;
      t = ++starT;
    }
    while (p < pattern.length && pattern[p] == '*') {
      p++;
    }
    return p == pattern.length;
  }

  /** Index of the closing bracket of the class opening at {@code open}, or -1 if unterminated. */
  private static int classEnd(int[] pattern, int open) {
    int i = open + 1;
    if (i < pattern.length && pattern[i] == '!') {
      i++;
    }
    if (i < pattern.length && pattern[i] == ']') {
      i++;
    }
    while (i < pattern.length && pattern[i] != ']') {
      i++;
    }
    return i < pattern.length ? i : -1;
  }

  private static boolean classMatches(int[] pattern, int from, int end, int c) {
    boolean negate = pattern[from] == '!';
    boolean hit = false;
    for (int i = negate ? from + 1 : from; i < end; ) {
      int lo = pattern[i];
      if (i + 2 < end && pattern[i + 1] == '-') {
        hit |= lo <= c && c <= pattern[i + 2];
        i += 3;
      } else {
        hit |= lo == c;
        i++;
      }
    }
    return hit != negate;
  }
}
