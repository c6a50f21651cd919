package dev.mallory.sut.naive;

import dev.mallory.model.Metadata;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.client.errors.Reason;
import java.nio.file.Path;

/** 5.7 done right: look the target up, fetch at most its signed length, check length and hashes, then store. */
final class VerifiedTargetDownload {
  private VerifiedTargetDownload() {}

  static TargetFile lookUp(Metadata<Targets> targets, String targetPath) throws Refusal {
    TargetFile file = targets.signed().targets().get(targetPath);
    if (file == null) {
      // Delegations are not followed by any naive client (none declares the DELEGATIONS capability).
      throw new Refusal(Reason.TARGET_NOT_FOUND, "target not found: '" + targetPath + "' is not listed by the trusted targets metadata");
    }
    return file;
  }

  static void download(Session session, Metadata<Targets> targets, String targetPath, boolean consistentSnapshot) throws Refusal {
    TargetFile file = lookUp(targets, targetPath);
    Path local = TargetFiles.local(session.targetDir(), targetPath);
    var url = TargetFiles.url(session.targetsUrl(), targetPath, file, consistentSnapshot);
    BoundedFetcher.Response response = BoundedFetcher.get(url, file.length()); // 5.7.3: cap at the signed length
    TopLevelUpdate.requireOk(response, targetPath);
    Verify.lengthAndHashes(response.body(), file.length(), file.hashes(), "target " + targetPath);
    LocalMetadata.writeAtomically(local, response.body());
  }
}
