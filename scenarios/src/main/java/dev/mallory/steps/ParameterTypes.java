package dev.mallory.steps;

import dev.mallory.repo.MetaListing;
import dev.mallory.steps.params.FileRef;
import dev.mallory.steps.params.KeySelection;
import dev.mallory.steps.params.ReasonWords;
import dev.mallory.steps.params.Response;
import dev.mallory.steps.params.RoleRef;
import dev.mallory.steps.world.ScenarioWorld;
import static dev.mallory.steps.params.Grammar.*;

import io.cucumber.java.ParameterType;
import java.time.Duration;

/**
 * The parameters of the vocabulary (features/README.md, "Parameters"), with exactly the regular
 * expressions the README gives, so a step the vocabulary does not know stays undefined.
 *
 * <p>Roles are handed to the steps under the repository dialect's names ({@link
 * ScenarioWorld#roleName}: {@code role "app-team"} is {@code targets/app-team} in the Notary
 * dialect), converted when the step runs, after the delegation steps before it named them.
 */
public final class ParameterTypes {
  private final ScenarioWorld world;

  public ParameterTypes(ScenarioWorld world) {
    this.world = world;
  }

  @ParameterType(name = "role", value = ROLE)
  public RoleRef role(String text) {
    return inDialect(RoleRef.parse(text));
  }

  @ParameterType(name = "file", value = FILE)
  public FileRef file(String text) {
    FileRef file = FileRef.parse(text);
    return file instanceof FileRef.Metadata m ? new FileRef.Metadata(inDialect(m.role())) : file;
  }

  @ParameterType(name = "keys", value = KEYS)
  public KeySelection keys(String text) {
    return new KeySelection(KeySelection.parse(text).groups().stream()
        .map(g -> new KeySelection.Group(inDialect(g.role()), g.count())).toList());
  }

  private RoleRef inDialect(RoleRef role) {
    return role.isTopLevel() ? role : new RoleRef(world.roleName(role.name()));
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
