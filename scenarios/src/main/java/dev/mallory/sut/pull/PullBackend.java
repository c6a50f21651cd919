package dev.mallory.sut.pull;

import dev.mallory.registry.Digest;
import dev.mallory.registry.RegistryClient;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.pull.TagResolver;
import java.nio.file.Path;

/**
 * One Docker Content Trust deployment for one scenario: a registry the attacker controls, and a
 * trust server holding the signed tags. The publisher side ({@link #publish}, {@link #push}) is
 * honest; the {@code tamper*} methods make the registry (or a man in the middle in front of it)
 * answer pullers with other bytes, until {@link #stopTampering()}.
 */
public interface PullBackend extends AutoCloseable {
  /** The image's repository name in the registry, e.g. {@code example/app}. */
  String imageName();

  /** The registry as pullers see it (through the attacker, where there is one). */
  RegistryClient pullerRegistry();

  /** Pushes the image under {@code tag} and signs the tag to its manifest; returns the manifest digest. */
  Digest publish(String tag, Image image);

  /** Pushes the image under {@code tag} without signing it. */
  Digest push(String tag, Image image);

  /** Pushes one blob (e.g. a layer only the attacker's manifest names). */
  void pushBlob(byte[] bytes);

  /**
   * A delegated role whose paths do not cover {@code tag} lists it, signed with the delegated
   * role's real key; the repository's snapshot and timestamp pin that file.
   */
  void signWithoutAuthority(String tag, Image image);

  /** A fresh trust client (its own metadata directory under {@code trustDir}). */
  TagResolver newResolver(Path trustDir);

  void tamperBlob(Digest digest, byte[] bytes);

  void tamperManifest(Digest digest, String mediaType, byte[] bytes);

  void tamperTag(String tag, Digest digest);

  /** The registry answers with what was pushed again. */
  void stopTampering();

  /** What the backend is, for evidence: {@code reference registry http://127.0.0.1:P + reference server (TUF layout)}. */
  String describe();

  @Override
  void close();
}
