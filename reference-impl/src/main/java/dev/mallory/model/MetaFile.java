package dev.mallory.model;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What a timestamp says of the snapshot, and a snapshot of each targets role (METAFILES).
 *
 * @param version the role's version; TUF 1.0 requires it, Notary omits it (it pins by hash)
 * @param length the file's length in bytes, if listed
 * @param hashes algorithm name to lower-case hex digest (Notary's base64 is decoded to hex)
 */
public record MetaFile(OptionalLong version, OptionalLong length, Map<String, String> hashes) {
  public MetaFile {
    Checks.present(version, "meta version");
    Checks.present(length, "meta length");
    if (version.isPresent()) {
      Checks.version(version.getAsLong(), "meta");
    }
    if (length.isPresent() && length.getAsLong() < 0) {
      throw new InvalidMetadataException("meta length must not be negative: " + length.getAsLong());
    }
    hashes = Checks.copy(hashes, "meta hashes");
  }

  public static MetaFile ofVersion(long version) {
    return new MetaFile(OptionalLong.of(version), OptionalLong.empty(), Map.of());
  }
}
