package dev.mallory.shim.sigstore;

/**
 * The single stderr line a failed invocation prints: {@code ERROR <class>: <message>}.
 *
 * <p>A harness decides "blocked for the right reason" from this line, so it names the innermost
 * cause that says something: sigstore-java throws its TUF exceptions (RollbackVersionException,
 * InvalidHashesException, ...) without a cause, so they come out as they are, while wrappers such
 * as JsonParseException(JsonSyntaxException(...)) or UncheckedIOException(IOException) give way to
 * the exception inside them. A cause without a message is skipped in favour of the nearest outer
 * one that has one.
 */
final class ErrorLine {
  private ErrorLine() {}

  static String of(Throwable thrown) {
    Throwable chosen = thrown;
    int depth = 0;
    // Bounded walk: a hostile or buggy cause chain must not hang the client.
    for (Throwable t = thrown; t != null && depth < 32; t = t.getCause(), depth++) {
      if (hasMessage(t) || !hasMessage(chosen)) {
        chosen = t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    String message = chosen.getMessage() == null ? "" : chosen.getMessage();
    // One line, always: the harness reads exactly one line.
    return "ERROR " + chosen.getClass().getName() + ": " + message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  private static boolean hasMessage(Throwable t) {
    String m = t.getMessage();
    // "new RuntimeException(cause)" copies cause.toString() as its message: that is no message.
    return m != null && !m.isBlank() && (t.getCause() == null || !m.equals(t.getCause().toString()));
  }
}
