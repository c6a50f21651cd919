package dev.mallory.sut.naive;

import dev.mallory.model.TargetFile;
import dev.mallory.client.errors.Reason;
import java.nio.file.Path;
import java.util.List;

/**
 * Docker 1.3's "verified" image pull (Jonathan Rudenberg, "Docker Image Insecurity", Dec 2014; LWN,
 * "Docker image 'verification'", Jan 2015 — seeds 003 and 002): Docker reported an image as
 * verified because a validly signed manifest was present, and "never verifies the image checksum
 * from the manifest. An attacker could provide any image alongside a signed manifest."
 *
 * <p>This client does the metadata part properly ({@link TopLevelUpdate}: thresholds, versions,
 * expiry, hashes of metadata) and then stores whatever bytes the server sends for a target, never
 * comparing them with the signed length and hashes. So arbitrary and wrong software installation
 * and endless data get through; rollback, freeze, mix-and-match and unsigned metadata do not.
 *
 * <p>Endless data: it reads a target until the server stops or until 64 MiB, the harness's own cap
 * (so the demonstration cannot exhaust the machine), and stores what it read as if that were the
 * whole file: more than the signed length, accepted. The cap is Mallory's safety, not the model's.
 */
public final class UncheckedPayloadUpdater implements NaiveUpdater {
  /** The harness safety cap on one target: far above any test target, far below the machine's memory. */
  public static final long TARGET_CAP = 64L * 1024 * 1024;

  @Override
  public void refresh(Session session) throws Refusal {
    TopLevelUpdate.run(session);
  }

  @Override
  public void download(Session session, List<String> targetPaths) throws Refusal {
    TopLevelUpdate.Trusted trusted = TopLevelUpdate.run(session);
    boolean consistent = trusted.root().signed().consistentSnapshot();
    for (String targetPath : targetPaths) {
      TargetFile file = VerifiedTargetDownload.lookUp(trusted.targets(), targetPath);
      Path local = TargetFiles.local(session.targetDir(), targetPath);
      BoundedFetcher.Response response =
          BoundedFetcher.getTruncating(TargetFiles.url(session.targetsUrl(), targetPath, file, consistent), TARGET_CAP);
      if (response.status() != 200) {
        throw new Refusal(Reason.DOWNLOAD_ERROR, "download of " + targetPath + " failed: HTTP " + response.status());
      }
      // THE FLAW: the signed file.length() and file.hashes() are never compared with these bytes.
      LocalMetadata.writeAtomically(local, response.body());
    }
  }
}
