package dev.mallory.registry;

import static dev.mallory.registry.Images.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.dialect.Dialect;
import dev.mallory.registry.archive.UnpackLimits;
import dev.mallory.registry.errors.ContentTrustException;
import dev.mallory.registry.errors.DecompressionBombException;
import dev.mallory.registry.errors.LayerDigestMismatchException;
import dev.mallory.registry.errors.ManifestDigestMismatchException;
import dev.mallory.registry.errors.TagNotSignedException;
import dev.mallory.registry.errors.UnsafeArchiveEntryException;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.ImagePublisher;
import dev.mallory.registry.image.Layer;
import dev.mallory.registry.pull.NaivePull;
import dev.mallory.registry.pull.PullLimits;
import dev.mallory.registry.pull.PullResult;
import dev.mallory.repo.Delegation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker Content Trust end to end against the reference registry and reference trust server, in
 * one dialect per subclass. Every attack must be refused with its typed error AND leave nothing on
 * disk: the target root absent, no staging directory left, nothing written outside.
 */
abstract class ContentTrustPullContract {
  @TempDir Path tmp;
  ReferenceSetup setup;
  Path parent;
  Path root;

  abstract Dialect dialect();

  @BeforeEach
  void start() throws IOException {
    setup = new ReferenceSetup(dialect(), tmp.resolve("state"));
    parent = Files.createDirectories(tmp.resolve("pulls"));
    root = parent.resolve("rootfs");
  }

  @AfterEach
  void stop() {
    setup.close();
  }

  @Test
  void signedImage_isPulledAndUnpacked() throws IOException {
    Image image = Images.image("v1");
    Digest digest = setup.publish("latest", image);

    PullResult result = setup.pull().pull("latest", root);

    assertThat(result.manifestDigest()).isEqualTo(digest);
    assertThat(result.layers()).isEqualTo(2);
    assertThat(Files.readString(root.resolve("etc/os-release"))).isEqualTo("ID=mallory\n");
    assertThat(Files.readString(root.resolve("srv/version"))).isEqualTo("v1\n");
    assertThat(Files.readSymbolicLink(root.resolve("srv/current"))).isEqualTo(Path.of("version"));
    assertThat(Files.isSameFile(root.resolve("srv/version"), root.resolve("srv/version.bak"))).isTrue();
    assertThat(Files.isExecutable(root.resolve("bin/app"))).isTrue();
    assertThat(parentHoldsOnly("rootfs")).isTrue();
  }

  @Test
  void ociManifest_isPulled() throws IOException {
    Image image = Image.of(dev.mallory.registry.MediaTypes.OCI_MANIFEST, List.of(Images.base()));
    setup.publish("oci", image);

    setup.pull().pull("oci", root);

    assertThat(Files.readString(root.resolve("bin/app"))).contains("echo v1");
  }

  @Test
  void unsignedTag_isRefused() {
    ImagePublisher.push(setup.client, ReferenceSetup.NAME, "unsigned", Images.image("v1"));

    refused("unsigned", TagNotSignedException.class);
  }

  @Test
  void tamperedLayer_isRefusedBeforeUnpacking_whileTheNaiveClientWritesIt() throws IOException {
    Image image = Images.image("v1");
    setup.publish("latest", image);
    Layer app = image.layers().get(1);
    setup.registry.store().tamperBlob(ReferenceSetup.NAME, app.digest(), Images.evil().bytes());

    LayerDigestMismatchException e = refused("latest", LayerDigestMismatchException.class);
    assertThat(e.expectedDigest()).isEqualTo(app.digest().toString());

    // Positive control: Docker 1.3's "verified" pull only warns, after unpacking.
    Path area = tmp.resolve("naive-area");
    NaivePull.Result naive = setup.naive().pull("latest", area);
    assertThat(naive.claimsVerified()).isTrue();
    assertThat(naive.warnings()).singleElement().asString().contains("checksum mismatch");
    assertThat(Files.readString(area.resolve("srv/backdoor"))).isEqualTo("pwned\n");
    assertThat(Files.readString(area.resolve("srv/version"))).isEqualTo("EVIL\n");
  }

  @Test
  void replayOfAnOldImage_underTheTag_isRefused() {
    Image v1 = Images.image("v1");
    Image v2 = Images.image("v2");
    Digest old = setup.publish("latest", v1);
    Digest current = setup.publish("latest", v2);
    // The registry (or a MITM on it) answers with v1 for the tag and for v2's digest.
    setup.registry.store().tamperTag(ReferenceSetup.NAME, "latest", old);
    setup.registry.store().tamperManifest(ReferenceSetup.NAME, current, v1.manifestMediaType(), v1.manifest());

    ManifestDigestMismatchException e = refused("latest", ManifestDigestMismatchException.class);

    assertThat(e.expectedDigest()).isEqualTo(current.toString());
    assertThat(e.foundDigest()).isEqualTo(old.toString());
  }

  @Test
  void layerSwappedWithAnotherValidLayer_isRefused() {
    Image image = Images.image("v1");
    setup.publish("latest", image);
    Image other = Images.image("v9");
    ImagePublisher.push(setup.client, ReferenceSetup.NAME, "other", other); // a valid blob of the registry
    setup.registry.store().tamperBlob(ReferenceSetup.NAME, image.layers().get(1).digest(), other.layers().get(1).bytes());

    LayerDigestMismatchException e = refused("latest", LayerDigestMismatchException.class);

    assertThat(e.expectedDigest()).isEqualTo(image.layers().get(1).digest().toString());
    assertThat(e.foundDigest()).isNotEqualTo(e.expectedDigest()); // null when it was cut at the signed size
  }

  @Test
  void manifestWithAnExtraLayer_isRefused() {
    Image image = Images.image("v1");
    Digest signed = setup.publish("latest", image);
    Layer extra = Images.evil();
    setup.client.pushBlob(ReferenceSetup.NAME, extra.bytes());
    Image extended = Image.of(List.of(image.layers().get(0), image.layers().get(1), extra));
    setup.registry.store().tamperManifest(ReferenceSetup.NAME, signed, extended.manifestMediaType(), extended.manifest());

    refused("latest", ManifestDigestMismatchException.class);
  }

  @Test
  void signedDecompressionBomb_isRefused() {
    setup.publish("bomb", Image.of(List.of(Layer.zeros("zeros", 64L << 20))));
    PullLimits limits = PullLimits.DEFAULTS.withUnpack(UnpackLimits.DEFAULTS.withMaxUnpackedBytes(8L << 20));

    DecompressionBombException e = refused(setup.pull(limits), "bomb", DecompressionBombException.class);

    assertThat(e.limit()).isEqualTo(8L << 20);
  }

  @Test
  void signedTarWithDotDotPaths_isRefused() {
    setup.publish("dotdot", Image.of(List.of(Layer.gzip(t -> t.file("ok", utf8("x")).file("../escaped", utf8("x"))))));

    refused("dotdot", UnsafeArchiveEntryException.class);

    assertThat(parent.resolve("escaped")).doesNotExist();
    assertThat(tmp.resolve("escaped")).doesNotExist();
  }

  @Test
  void signedTarWithSymlinkOutOfTheRoot_isRefused() {
    setup.publish("symlink", Image.of(List.of(Layer.gzip(t -> t.symlink("etc", "../../../etc")))));

    UnsafeArchiveEntryException e = refused("symlink", UnsafeArchiveEntryException.class);

    assertThat(e.entry()).isEqualTo("etc");
  }

  @Test
  void signedTarWritingThroughAnEarlierSymlink_isRefused() {
    // The link itself points inside; the file behind it would land wherever a later layer re-points it.
    setup.publish("through", Image.of(List.of(Layer.gzip(t -> t.directory("real").symlink("alias", "real")),
        Layer.gzip(t -> t.file("alias/planted", utf8("x"))))));

    refused("through", UnsafeArchiveEntryException.class);
  }

  @Test
  void tagSignedByAKeyWithoutAuthorityForIt_isRefused() {
    String role = dialect() == Dialect.NOTARY ? "targets/releases" : "releases";
    setup.repo.delegate("targets", role, Delegation.paths(dialect() == Dialect.NOTARY ? "releases/" : "releases/*"));
    setup.repo.publish();
    Image evil = Image.of(List.of(Images.evil()));
    ImagePublisher.push(setup.client, ReferenceSetup.NAME, "latest", evil);
    setup.signWithoutAuthority(role, "latest", evil);

    refused("latest", TagNotSignedException.class);
  }

  @Test
  void afterAnAttackStops_thePullSucceeds() throws IOException {
    Image image = Images.image("v1");
    setup.publish("latest", image);
    Layer app = image.layers().get(1);
    setup.registry.store().tamperBlob(ReferenceSetup.NAME, app.digest(), Images.evil().bytes());
    refused("latest", LayerDigestMismatchException.class);

    setup.registry.store().tamperBlob(ReferenceSetup.NAME, app.digest(), app.bytes());
    setup.pull().pull("latest", root);

    assertThat(Files.readString(root.resolve("srv/version"))).isEqualTo("v1\n");
  }

  private <T extends ContentTrustException> T refused(String tag, Class<T> type) {
    return refused(setup.pull(), tag, type);
  }

  /** The pull fails with {@code type} and leaves the target root absent and no staging behind. */
  private <T extends ContentTrustException> T refused(dev.mallory.registry.pull.ContentTrustPull pull, String tag, Class<T> type) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> pull.pull(tag, root));
    assertThat(thrown).isInstanceOf(type);
    assertThat(Files.exists(root, LinkOption.NOFOLLOW_LINKS)).as("target root after the attack").isFalse();
    assertThat(parentHoldsOnly()).as("nothing left next to the target root").isTrue();
    return type.cast(thrown);
  }

  private boolean parentHoldsOnly(String... names) {
    try (Stream<Path> s = Files.list(parent)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList().equals(List.of(names));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
