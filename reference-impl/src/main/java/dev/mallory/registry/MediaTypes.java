package dev.mallory.registry;

import java.util.Set;

/** The manifest and layer media types this Registry v2 subset and the pull clients handle. */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";

  public static final Set<String> MANIFESTS = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
  public static final Set<String> GZIP_LAYERS = Set.of(DOCKER_LAYER_GZIP, OCI_LAYER_GZIP);

  /** What a pull asks for: only single-platform image manifests (no lists, no schema 1). */
  public static final String ACCEPT = DOCKER_MANIFEST + ", " + OCI_MANIFEST;

  public static boolean isLayer(String mediaType) {
    return GZIP_LAYERS.contains(mediaType) || OCI_LAYER_TAR.equals(mediaType);
  }
}
