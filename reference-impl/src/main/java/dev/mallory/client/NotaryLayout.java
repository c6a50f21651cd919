package dev.mallory.client;

import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.model.TargetFile;
import java.net.URI;
import java.util.Optional;

/**
 * Notary's API (notary.md 7.1-7.2): {@code <server>/v2/<gun>/_trust/tuf/root.json},
 * {@code N.root.json}, {@code timestamp.json}, and every other role by the SHA-256 its parent pins:
 * {@code snapshot.<hex>.json}, {@code targets.<hex>.json}, {@code targets/<deleg>.<hex>.json}.
 * Role names keep their slashes (the server routes on them); each segment is encoded.
 */
public record NotaryLayout(URI server, String gun) implements RemoteLayout {

  public NotaryLayout {
    String s = server.toString();
    server = URI.create(s.endsWith("/") ? s : s + "/");
    if (gun.isEmpty()) {
      throw new IllegalArgumentException("a GUN is required");
    }
  }

  private String base() {
    return server + "v2/" + Names.quotePath(gun) + "/_trust/tuf/";
  }

  @Override
  public Dialect dialect() {
    return Dialect.NOTARY;
  }

  @Override
  public URI root(long version) {
    return URI.create(base() + version + ".root.json");
  }

  @Override
  public Optional<URI> latestRoot() {
    return Optional.of(URI.create(base() + "root.json"));
  }

  @Override
  public URI timestamp() {
    return URI.create(base() + "timestamp.json");
  }

  @Override
  public URI metadata(String role, MetaFile meta, boolean consistentSnapshot) {
    String sha256 = meta.hashes().get("sha256");
    if (sha256 != null) {
      return URI.create(base() + Names.quotePath(role) + "." + sha256 + ".json");
    }
    if (meta.version().isPresent()) {
      return URI.create(base() + meta.version().getAsLong() + "." + Names.quotePath(role) + ".json");
    }
    return URI.create(base() + Names.quotePath(role) + ".json");
  }

  @Override
  public URI target(URI targetBase, String path, TargetFile file, boolean hashPrefix) {
    return RemoteLayout.tufTarget(targetBase, path, file, hashPrefix);
  }
}
