package dev.mallory.registry.image;

import dev.mallory.registry.Descriptor;
import dev.mallory.registry.Digest;
import dev.mallory.registry.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An image built in memory: its layers, config blob and manifest bytes. The manifest's digest is
 * what a tag is signed to; its length is the signed length.
 */
public record Image(String manifestMediaType, byte[] manifest, byte[] config, List<Layer> layers) {
  public Image {
    layers = List.copyOf(layers);
  }

  /** A schema 2 (Docker) or OCI image of these layers, with a config listing their diff_ids. */
  public static Image of(String manifestMediaType, List<Layer> layers) {
    boolean oci = MediaTypes.OCI_MANIFEST.equals(manifestMediaType);
    StringBuilder diffIds = new StringBuilder();
    for (Layer l : layers) {
      diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(l.diffId()).append('"');
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
        + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
    String configType = oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG;
    StringBuilder m = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(manifestMediaType)
        .append("\",\"config\":").append(json(new Descriptor(configType, config.length, Digest.of(config))))
        .append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      String type = oci ? MediaTypes.OCI_LAYER_GZIP : l.mediaType();
      m.append(i == 0 ? "" : ",").append(json(new Descriptor(type, l.bytes().length, l.digest())));
    }
    m.append("]}");
    return new Image(manifestMediaType, m.toString().getBytes(StandardCharsets.UTF_8), config, layers);
  }

  public static Image of(List<Layer> layers) {
    return of(MediaTypes.DOCKER_MANIFEST, layers);
  }

  public Digest manifestDigest() {
    return Digest.of(manifest);
  }

  public Digest configDigest() {
    return Digest.of(config);
  }

  /** Sum of the compressed layer sizes. */
  public long layerBytes() {
    return layers.stream().mapToLong(l -> l.bytes().length).sum();
  }

  private static String json(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"size\":" + d.size() + ",\"digest\":\"" + d.digest() + "\"}";
  }
}
