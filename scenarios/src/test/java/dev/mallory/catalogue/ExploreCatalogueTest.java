package dev.mallory.catalogue;

import dev.mallory.report.RunResult;
import dev.mallory.report.SystemKind;
import dev.mallory.sut.ReferenceClientUnderTest;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints every verdict of a tag selection (-Dmallory.tags), for exploring; not part of the build. */
@EnabledIfSystemProperty(named = "mallory.tags", matches = ".+")
class ExploreCatalogueTest {
  @Test
  void explore(@TempDir Path work) {
    RunResult result = CatalogueProbe.run("reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        ReferenceClientUnderTest::new, Optional.ofNullable(System.getProperty("mallory.tags")), work);
    System.out.println(CatalogueProbe.describe(result.results()));
  }
}
