package dev.mallory.client;

import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.model.TargetFile;
import java.net.URI;
import java.util.Optional;

/**
 * The TUF specification's layout: {@code <metadataUrl>/N.root.json}, {@code timestamp.json},
 * {@code [N.]ROLE.json} with the role name percent-encoded ({@code quote(role, "")}), targets under
 * the target base URL.
 */
public record TufLayout(URI metadataUrl) implements RemoteLayout {

  public TufLayout {
    String s = metadataUrl.toString();
    metadataUrl = URI.create(s.endsWith("/") ? s : s + "/");
  }

  @Override
  public Dialect dialect() {
    return Dialect.TUF_1_0;
  }

  @Override
  public URI root(long version) {
    return metadataUrl.resolve(version + ".root.json");
  }

  @Override
  public Optional<URI> latestRoot() {
    return Optional.empty();
  }

  @Override
  public URI timestamp() {
    return metadataUrl.resolve("timestamp.json");
  }

  @Override
  public URI metadata(String role, MetaFile meta, boolean consistentSnapshot) {
    String prefix = consistentSnapshot && meta.version().isPresent() ? meta.version().getAsLong() + "." : "";
    return URI.create(metadataUrl + prefix + Names.quote(role) + ".json");
  }

  @Override
  public URI target(URI targetBase, String path, TargetFile file, boolean hashPrefix) {
    return RemoteLayout.tufTarget(targetBase, path, file, hashPrefix);
  }
}
