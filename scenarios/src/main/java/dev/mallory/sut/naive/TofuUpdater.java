package dev.mallory.sut.naive;

import dev.mallory.model.Metadata;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.client.errors.Reason;
import java.nio.file.Path;
import java.util.List;

/**
 * Trust on first use without pinning: Notary's default model ("Notary (and TUF in general) uses a
 * trust on first use model (TOFU) ... the public key is sent over an https connection", Docker
 * forums, seed 001; the same gap Rudenberg noted in Docker 1.3, whose signing key "is retrieved each
 * time an image is pulled", seed 003).
 *
 * <p>This client ignores the root it is given out of band. On first use it fetches
 * {@code 1.root.json} (or, if that is missing, {@code root.json}) from the server and trusts it if
 * it is signed by its own keys, which any attacker can arrange. From then on it is a correct client
 * ({@link TopLevelUpdate}, {@link VerifiedTargetDownload}): once it has a root, it holds on to it.
 * So an attacker on the first connection owns it for good; an attacker later on gets nowhere.
 */
public final class TofuUpdater implements NaiveUpdater {

  /** THE FLAW: the out-of-band root is dropped; nothing is pinned. */
  @Override
  public void init(Path metadataDir, byte[] trustedRoot) {
    try {
      java.nio.file.Files.createDirectories(metadataDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void refresh(Session session) throws Refusal {
    trustOnFirstUse(session);
    TopLevelUpdate.run(session);
  }

  @Override
  public void download(Session session, List<String> targetPaths) throws Refusal {
    trustOnFirstUse(session);
    TopLevelUpdate.Trusted trusted = TopLevelUpdate.run(session);
    for (String targetPath : targetPaths) {
      VerifiedTargetDownload.download(session, trusted.targets(), targetPath, trusted.root().signed().consistentSnapshot());
    }
  }

  private static void trustOnFirstUse(Session session) throws Refusal {
    if (LocalMetadata.read(session.metadataDir(), "root").isPresent()) {
      return;
    }
    String name = "1.root.json";
    BoundedFetcher.Response response = BoundedFetcher.get(session.metadata(name), TopLevelUpdate.ROOT_MAX);
    if (response.status() == 404) {
      name = "root.json";
      response = BoundedFetcher.get(session.metadata(name), TopLevelUpdate.ROOT_MAX);
    }
    if (response.status() != 200) {
      throw new Refusal(Reason.DOWNLOAD_ERROR, "first use: download of " + name + " failed: HTTP " + response.status());
    }
    Metadata<Root> root = Verify.parse(response.body(), Root.class, name);
    // Self-consistency is all a first-use root can offer: the attacker signs with keys of their own.
    Verify.threshold(root, root.signed().keys(), root.signed().role(RoleType.ROOT), name + " (by its own keys)");
    LocalMetadata.write(session.metadataDir(), "root", response.body());
  }
}
