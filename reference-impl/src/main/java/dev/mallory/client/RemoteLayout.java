package dev.mallory.client;

import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.model.TargetFile;
import java.net.URI;
import java.util.Optional;

/**
 * Where a repository serves each file: the only dialect-specific URL building in the client. One
 * small implementation per dialect ({@link TufLayout}, {@link NotaryLayout}).
 */
public sealed interface RemoteLayout permits TufLayout, NotaryLayout {

  Dialect dialect();

  /** 5.3.3: {@code N.root.json}. */
  URI root(long version);

  /** The newest root, for bootstrapping trust without a shipped root (Notary TOFU); TUF has none. */
  Optional<URI> latestRoot();

  /** 5.4.1: never versioned. */
  URI timestamp();

  /**
   * 5.5.1 / 5.6.1: snapshot, targets or a delegated role, as its parent's meta pins it.
   *
   * @param consistentSnapshot root's {@code consistent_snapshot}
   */
  URI metadata(String role, MetaFile meta, boolean consistentSnapshot);

  /** 5.7.3: a target file, with its hash prefix when consistent snapshots are used. */
  URI target(URI targetBase, String path, TargetFile file, boolean hashPrefix);

  /** The TUF layout of target URLs, shared by both dialects (Notary stores no target files). */
  static URI tufTarget(URI targetBase, String path, TargetFile file, boolean hashPrefix) {
    String base = targetBase.toString().endsWith("/") ? targetBase.toString() : targetBase + "/";
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    if (hashPrefix) {
      String algorithm = file.hashes().containsKey("sha256") ? "sha256" : file.hashes().keySet().iterator().next();
      name = file.hashes().get(algorithm) + "." + name;
    }
    return URI.create(base + Names.quotePath(dir + name));
  }
}
