package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.dialect.Dialect;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.repo.Publication;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.sut.ReferenceClientUnderTest;
import dev.mallory.sut.backend.HostedRepository;
import dev.mallory.sut.backend.RepositoryBackend;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario whose server failed under it is not judged: whatever the client did then, the verdict
 * is ERROR and the evidence says why (a shared notary-server that died mid-run, for instance).
 */
class HostingFaultTest {
  @Test
  void aScenarioWhoseServerFailedUnderItIsAnErrorWithTheFaultAsEvidence(@TempDir Path work) throws Exception {
    Path features = Path.of(HostingFaultTest.class.getResource("/time-features").toURI());
    RepositoryBackend failing = new RepositoryBackend() {
      @Override
      public String id() {
        return "failing-reference";
      }

      @Override
      public HostedRepository host(Dialect dialect, Path runDir) {
        return new FailedUnder(RepositoryBackend.reference().host(dialect, runDir));
      }
    };
    RunResult run = CatalogueProbe.run(features, "reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        ReferenceClientUnderTest::new, failing, Optional.empty(), work);

    ScenarioResult result = run.results().get(0);
    assertThat(result.verdict()).as(CatalogueProbe.describe(List.of(result)))
        .as("the reference client refuses the expired timestamp (PROTECTED on a healthy server), but its server failed")
        .isEqualTo(Verdict.ERROR);
    assertThat(result.evidence().notes())
        .anySatisfy(n -> assertThat(n).isEqualTo("not judged: " + FailedUnder.FAULT))
        .anySatisfy(n -> assertThat(n).contains("the server hosting the repository failed during the scenario"));
  }

  /** The reference server's hosting, reporting that its server died under the scenario. */
  private record FailedUnder(HostedRepository hosting) implements HostedRepository {
    static final String FAULT = "test-server (pid 1) died during the scenario";

    @Override
    public Optional<String> fault() {
      return Optional.of(FAULT);
    }

    @Override
    public String name() {
      return hosting.name();
    }

    @Override
    public MetadataStore store() {
      return hosting.store();
    }

    @Override
    public SigningService signer() {
      return hosting.signer();
    }

    @Override
    public MetadataStore served() {
      return hosting.served();
    }

    @Override
    public Set<String> signedByServer() {
      return hosting.signedByServer();
    }

    @Override
    public String serverName() {
      return hosting.serverName();
    }

    @Override
    public String describe() {
      return hosting.describe();
    }

    @Override
    public void published(Publication publication) {
      hosting.published(publication);
    }

    @Override
    public URI url() {
      return hosting.url();
    }

    @Override
    public URI contentUrl() {
      return hosting.contentUrl();
    }

    @Override
    public void close() {
      hosting.close();
    }
  }
}
