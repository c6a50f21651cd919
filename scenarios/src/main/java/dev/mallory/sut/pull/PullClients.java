package dev.mallory.sut.pull;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientFactory;
import dev.mallory.sut.ClientOutcome;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.sut.StandInClient;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code pull:PULLER[@BACKEND]} systems of {@code mallory run --client} (see {@link PullSystem}).
 * A pull client runs the {@code @content-trust} scenarios only: its steps
 * ({@code dev.mallory.steps.contenttrust}) read the puller and backend from the run's system name.
 * The {@link ClientUnderTest} it hands to the TUF-client steps answers every TUF command with
 * NOT_APPLICABLE, so a TUF-client scenario run against a pull client is reported as such.
 */
public final class PullClients {
  /**
   * Both trust layouts: the pullers resolve tags through the reference TUF/Notary client. (Declared
   * so that the TUF-client hooks, which run for every scenario, accept the system.)
   */
  public static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TUF_LAYOUT, Capability.NOTARY_API));

  private PullClients() {}

  public static ClientFactory factory(String spec) {
    PullSystem system = PullSystem.parse(spec);
    return new ClientFactory() {
      @Override
      public String name() {
        return system.name();
      }

      @Override
      public Set<Capability> capabilities() {
        return CAPABILITIES;
      }

      @Override
      public ClientUnderTest newClient() {
        return new NotATufClient(system.name());
      }
    };
  }

  /** The stand-in for TUF-client scenarios: not a TUF client. */
  record NotATufClient(String name) implements StandInClient {
    @Override
    public Set<Capability> capabilities() {
      return CAPABILITIES;
    }

    @Override
    public ClientOutcome refuse() {
      throw new NotApplicableException(name + " is an image pull client: it runs the @content-trust scenarios only");
    }
  }
}
