package dev.mallory.sut.naive;

import java.nio.file.Path;
import java.util.List;

/**
 * One naive client's logic, independent of how it is run (in-process through {@link NaiveClient},
 * or as a conformance CLI through {@link NaiveCli}). Each implementation is a real, small client
 * that is wrong in exactly one historical way.
 */
public sealed interface NaiveUpdater permits SignatureOnlyUpdater, UncheckedPayloadUpdater, TofuUpdater {

  /** The conformance {@code init}: keep the trusted root as {@code DIR/root.json}. */
  default void init(Path metadataDir, byte[] trustedRoot) {
    LocalMetadata.write(metadataDir, "root", trustedRoot);
  }

  /** The conformance {@code refresh}. */
  void refresh(Session session) throws Refusal;

  /** The conformance {@code download}: refresh, then each target in order, stopping at the first failure. */
  void download(Session session, List<String> targetPaths) throws Refusal;
}
