package dev.mallory.report;

/**
 * Makes hostile strings safe to put into HTML and XML. Evidence is written by servers and clients
 * under attack: it may hold markup, quotes, NUL bytes and lone surrogates, none of which may break
 * a report or run in the reader's browser.
 */
final class Text {
  private Text() {}

  /** Replaces what XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) by U+FFFD. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\uFFFD');
      }
    }
    return out == null ? s : out.toString();
  }

  /** Escapes for HTML text and double- or single-quoted attribute values alike. */
  static String html(String s) {
    String clean = clean(s);
    StringBuilder out = new StringBuilder(clean.length() + 16);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Cuts a string for one-line places (messages, titles) without splitting a surrogate pair. */
  static String firstLine(String s, int max) {
    String line = clean(s).lines().findFirst().orElse("");
    if (line.length() <= max) {
      return line;
    }
    int end = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
    return line.substring(0, end) + "…";
  }
}
