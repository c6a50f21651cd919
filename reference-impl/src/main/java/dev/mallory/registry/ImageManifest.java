package dev.mallory.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.json.Json;
import dev.mallory.json.JsonLimits;
import dev.mallory.json.MalformedJsonException;
import dev.mallory.registry.errors.MalformedManifestException;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema 2 / OCI image manifest: config descriptor and layer descriptors, in order. Parsed only
 * from bytes whose digest was already checked (pull) or that are being stored (server), with JSON
 * limits so a hostile manifest cannot exhaust the parser.
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {
  /** A manifest is small; 4 MiB is distribution's own limit. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;
  private static final JsonLimits LIMITS = new JsonLimits(MAX_BYTES, 16, 40, 64 * 1024);
  public static final int MAX_LAYERS = 1024;

  public ImageManifest {
    layers = List.copyOf(layers);
  }

  /**
   * @param contentType the Content-Type it was served or uploaded with, or {@code null}; used when
   *     the document has no {@code mediaType} field (allowed for OCI)
   */
  public static ImageManifest parse(byte[] bytes, String contentType) {
    JsonNode root;
    try {
      root = Json.parse(bytes, LIMITS);
    } catch (MalformedJsonException e) {
      throw new MalformedManifestException(e.getMessage(), e);
    }
    if (!root.isObject() || root.path("schemaVersion").asInt(-1) != 2) {
      throw new MalformedManifestException("not a schemaVersion 2 manifest");
    }
    String type = root.path("mediaType").isTextual() ? root.get("mediaType").asText() : baseType(contentType);
    if (type == null) {
      type = MediaTypes.OCI_MANIFEST; // OCI allows the field to be absent
    }
    if (!MediaTypes.MANIFESTS.contains(type)) {
      throw new MalformedManifestException("unsupported manifest media type " + type);
    }
    Descriptor config = descriptor(root.get("config"), "config");
    JsonNode layerNodes = root.get("layers");
    if (layerNodes == null || !layerNodes.isArray()) {
      throw new MalformedManifestException("no layers array");
    }
    if (layerNodes.size() > MAX_LAYERS) {
      throw new MalformedManifestException(layerNodes.size() + " layers, more than " + MAX_LAYERS);
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode layer : layerNodes) {
      layers.add(descriptor(layer, "layer " + layers.size()));
    }
    return new ImageManifest(type, config, layers);
  }

  private static Descriptor descriptor(JsonNode node, String what) {
    if (node == null || !node.isObject() || !node.path("mediaType").isTextual()
        || !node.path("digest").isTextual() || !node.path("size").canConvertToLong()) {
      throw new MalformedManifestException(what + " is not a descriptor {mediaType, size, digest}");
    }
    try {
      return new Descriptor(node.get("mediaType").asText(), node.get("size").longValue(), Digest.parse(node.get("digest").asText()));
    } catch (IllegalArgumentException e) {
      throw new MalformedManifestException(what + ": " + e.getMessage(), e);
    }
  }

  static String baseType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }
}
