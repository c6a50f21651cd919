package dev.mallory.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.sut.pull.PullClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A stand-in client runs no command and holds nothing; only how it refuses a command differs. */
class StandInClientTest {
  private static final ClientSetup SETUP = new ClientSetup(Path.of("unused"), new byte[0], null, null, null, null);

  @Test
  void aClientThatCouldNotBeSetUpAnswersEveryCommandWithAHarnessFaultCarryingTheProblem() {
    StandInClient client = new UnavailableClient("sigstore-java", Set.of(Capability.TUF_LAYOUT), "the shim server did not start");
    for (ClientOutcome outcome : List.of(client.init(SETUP), client.refresh(), client.download(List.of("file.txt")))) {
      assertThat(outcome).isInstanceOf(ClientOutcome.HarnessFault.class);
      assertThat(outcome.describe()).contains("the shim server did not start");
    }
    assertThat(client.trustedVersions()).isEmpty();
    assertThat(client.downloadedTarget("file.txt")).isEmpty();
    client.close();
  }

  @Test
  void aPullClientIsNotATufClientSoEveryTufCommandIsNotApplicable() {
    try (ClientUnderTest client = PullClients.factory("pull:naive").newClient()) {
      assertThat(client.name()).isEqualTo("pull:naive@tuf");
      assertThat(client.capabilities()).isEqualTo(PullClients.CAPABILITIES);
      assertThatThrownBy(() -> client.init(SETUP)).isInstanceOf(NotApplicableException.class).hasMessageContaining("@content-trust");
      assertThatThrownBy(client::refresh).isInstanceOf(NotApplicableException.class);
      assertThatThrownBy(() -> client.download(List.of("file.txt"))).isInstanceOf(NotApplicableException.class);
      assertThat(client.trustedVersions()).isEmpty();
      assertThat(client.downloadedTarget("file.txt")).isEmpty();
    }
  }
}
