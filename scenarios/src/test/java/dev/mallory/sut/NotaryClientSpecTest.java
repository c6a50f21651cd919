package dev.mallory.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.sut.backend.RepositoryBackend;
import dev.mallory.sut.notary.NotaryCliClient;
import org.junit.jupiter.api.Test;

/** {@code --client notary[:MODE][@BACKEND]}: the notary client and where its scenario repositories are served. */
class NotaryClientSpecTest {
  @Test
  void plainNotaryIsServedByTheReferenceServer() {
    try (ClientFactory f = Clients.fromSpec("notary")) {
      assertThat(f.name()).isEqualTo("notary");
      assertThat(f.backend()).isSameAs(RepositoryBackend.reference());
      assertThat(f.capabilities()).isEqualTo(NotaryCliClient.CAPABILITIES);
    }
    try (ClientFactory f = Clients.fromSpec("notary@reference")) {
      assertThat(f.name()).as("the default backend is not part of the name").isEqualTo("notary");
      assertThat(f.backend().id()).isEqualTo(RepositoryBackend.REFERENCE);
    }
  }

  @Test
  void aBackendSuffixNamesTheSystemAndItsBackend() {
    try (ClientFactory f = Clients.fromSpec("notary@notary-server")) {
      assertThat(f.name()).isEqualTo("notary@notary-server");
      assertThat(f.backend().id()).isEqualTo(RepositoryBackend.NOTARY_SERVER);
    }
    try (ClientFactory f = Clients.fromSpec("notary:pinned@notary-server")) {
      assertThat(f.name()).isEqualTo("notary:pinned@notary-server");
      assertThat(f.capabilities()).contains(Capability.ROOT_KEY_PINNING);
      assertThat(f.backend().id()).isEqualTo(RepositoryBackend.NOTARY_SERVER);
    }
  }

  @Test
  void anUnknownBackendOrModeIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> Clients.fromSpec("notary@notary"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notary-server");
    assertThatThrownBy(() -> Clients.fromSpec("notary:sometimes@notary-server"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notary:tofu");
  }
}
