package dev.mallory.steps.params;

/** RESPONSE of the vocabulary: what the attacker answers instead of the file. */
public sealed interface Response {
  record Status(int code) implements Response {}

  /** Headers and half the genuine body, then a TCP reset. */
  record ConnectionReset() implements Response {}

  /** 200 with zero bytes. */
  record EmptyBody() implements Response {}

  /** 200 with {@code {"signed": {}}. */
  record MalformedJson() implements Response {}

  static Response parse(String text) {
    String t = text.strip();
    if (t.startsWith("status ")) {
      return new Status(Integer.parseInt(t.substring("status ".length())));
    }
    return switch (t) {
      case "a connection reset" -> new ConnectionReset();
      case "an empty body" -> new EmptyBody();
      case "malformed JSON" -> new MalformedJson();
      default -> throw new IllegalArgumentException("not a response: " + text);
    };
  }
}
