package dev.mallory.catalogue;

import dev.mallory.report.RunResult;
import dev.mallory.report.SystemKind;
import dev.mallory.sut.ReferenceClientUnderTest;
import dev.mallory.sut.naive.NaiveClient;
import dev.mallory.sut.naive.NaiveKind;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints every verdict of a tag selection (-Dmallory.tags), for exploring; not part of the build.
 * {@code -Dmallory.client=naive:signature-only} (or another naive kind) explores a teaching client
 * instead of the reference client.
 */
@EnabledIfSystemProperty(named = "mallory.tags", matches = ".+")
class ExploreCatalogueTest {
  @Test
  void explore(@TempDir Path work) {
    String client = System.getProperty("mallory.client", "reference");
    Optional<String> tags = Optional.ofNullable(System.getProperty("mallory.tags"));
    RunResult result;
    if (client.startsWith("naive:")) {
      NaiveKind kind = NaiveKind.of(client.substring("naive:".length()));
      result = CatalogueProbe.run(client, SystemKind.NAIVE_TEACHING, NaiveClient.CAPABILITIES,
          () -> new NaiveClient(kind), tags, work);
    } else {
      result = CatalogueProbe.run("reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
          ReferenceClientUnderTest::new, tags, work);
    }
    System.out.println(CatalogueProbe.describe(result.results()));
  }
}
