package dev.mallory.steps;

import dev.mallory.repo.MetaListing;
import dev.mallory.steps.params.FileRef;
import dev.mallory.steps.params.KeySelection;
import dev.mallory.steps.params.ReasonWords;
import dev.mallory.steps.params.Response;
import dev.mallory.steps.params.RoleRef;
import static dev.mallory.steps.params.Grammar.*;

import io.cucumber.java.ParameterType;
import java.time.Duration;

/**
 * The parameters of the vocabulary (features/README.md, "Parameters"), with exactly the regular
 * expressions the README gives, so a step the vocabulary does not know stays undefined.
 */
public final class ParameterTypes {
  @ParameterType(name = "role", value = ROLE)
  public RoleRef role(String text) {
    return RoleRef.parse(text);
  }

  @ParameterType(name = "file", value = FILE)
  public FileRef file(String text) {
    return FileRef.parse(text);
  }

  @ParameterType(name = "keys", value = KEYS)
  public KeySelection keys(String text) {
    return KeySelection.parse(text);
  }

  @ParameterType(name = "reasons", value = REASONS)
  public ReasonWords reasons(String text) {
    return ReasonWords.parse(text);
  }

  @ParameterType(name = "response", value = RESPONSE)
  public Response response(String text) {
    return Response.parse(text);
  }

  @ParameterType(name = "listing", value = LISTING)
  public MetaListing listing(String text) {
    return text.equals("only versions") ? MetaListing.VERSIONS_ONLY : MetaListing.ALL_HASHED;
  }

  @ParameterType(name = "duration", value = DURATION)
  public Duration duration(String text) {
    return parseDuration(text);
  }

  public static Duration parseDuration(String text) {
    String[] parts = text.strip().split(" ");
    long n = Long.parseLong(parts[0]);
    return switch (parts[1].replaceFirst("s$", "")) {
      case "second" -> Duration.ofSeconds(n);
      case "minute" -> Duration.ofMinutes(n);
      case "hour" -> Duration.ofHours(n);
      case "day" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("not a duration: " + text);
    };
  }
}
