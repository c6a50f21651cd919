package dev.mallory.registry.pull;

import dev.mallory.client.TargetInfo;
import dev.mallory.client.Updater;
import dev.mallory.client.errors.TufClientException;
import dev.mallory.registry.Digest;
import dev.mallory.registry.errors.TagNotSignedException;
import dev.mallory.registry.errors.TrustDataException;
import java.util.Optional;

/**
 * Resolves a tag to its signed manifest digest through the reference TUF/Notary client: a fresh
 * refresh (so a frozen or rolled-back repository is caught, spec 5.3-5.6), then the delegation
 * search (5.6.7), which only consults roles with authority for the tag's path.
 */
public final class TagResolver {
  private final Updater updater;

  /** @param updater built with {@code TufLayout} or {@code NotaryLayout} (GUN {@code <registry-host>/<name>}) */
  public TagResolver(Updater updater) {
    this.updater = updater;
  }

  public SignedTag resolve(String tag) {
    Optional<TargetInfo> info;
    try {
      updater.refresh();
      info = updater.getTargetInfo(tag);
    } catch (TufClientException e) {
      throw new TrustDataException(tag, e);
    }
    if (info.isEmpty()) {
      throw new TagNotSignedException(tag, "no trusted targets role with authority for it lists it");
    }
    String sha256 = info.get().file().hashes().get("sha256");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new TagNotSignedException(tag, "its targets entry has no sha256 hash (Docker signs the manifest's sha256)");
    }
    return new SignedTag(tag, new Digest(sha256), info.get().file().length(), info.get().role());
  }
}
