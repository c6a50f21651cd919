package dev.mallory.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.SigningKey;
import dev.mallory.json.CanonicalJson;
import dev.mallory.json.Json;
import dev.mallory.json.JsonLimits;
import dev.mallory.model.InvalidMetadataException;
import dev.mallory.model.Metadata;
import dev.mallory.model.PathMatching;
import dev.mallory.model.RoleType;
import dev.mallory.model.Signature;
import dev.mallory.model.Signed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The two wire formats over Mallory's one metadata model. Each constant supplies only what differs;
 * parsing and writing are shared ({@link MetadataReader}, {@link MetadataWriter}).
 *
 * <p>Verification always covers the canonical form of the {@code signed} object as it was
 * received ({@link Metadata#signedBytes()}), never a re-serialisation of the model.
 */
public enum Dialect {
  /** The current TUF specification: lower-case {@code _type}, {@code spec_version}, hex. */
  TUF_1_0 {
    @Override
    public String typeName(RoleType type) {
      return type.roleName();
    }

    @Override
    public String metaKey(String roleName) {
      return roleName + ".json";
    }

    @Override
    String roleNameOfMetaKey(String key) {
      if (!key.endsWith(".json") || key.length() == ".json".length()) {
        throw new InvalidMetadataException("meta key " + key + " does not name a .json file");
      }
      return key.substring(0, key.length() - ".json".length());
    }

    @Override
    String encodeBytes(byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }

    @Override
    byte[] decodeBytes(String text, String what) {
      try {
        return HexFormat.of().parseHex(text);
      } catch (IllegalArgumentException e) {
        throw new InvalidMetadataException(what + " is not hex");
      }
    }

    @Override
    public String formatExpires(Instant expires) {
      // python-tuf writes and reads "%Y-%m-%dT%H:%M:%SZ": whole seconds.
      return expires.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public KeyEncoding keyEncoding() {
      return KeyEncoding.TUF;
    }

    @Override
    public PathMatching pathMatching() {
      return PathMatching.GLOB;
    }
  },

  /** Notary's TUF dialect: capitalised {@code _type}, base64, role names as meta keys. */
  NOTARY {
    @Override
    public String typeName(RoleType type) {
      String name = type.roleName();
      return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public String metaKey(String roleName) {
      return roleName;
    }

    @Override
    String roleNameOfMetaKey(String key) {
      return key;
    }

    @Override
    String encodeBytes(byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    byte[] decodeBytes(String text, String what) {
      // Go's base64.StdEncoding (how Notary writes []byte) requires the padding; Java's decoder
      // does not, so unpadded text is refused here rather than read differently from Notary.
      if (text.length() % 4 != 0) {
        throw new InvalidMetadataException(what + " is not padded base64");
      }
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new InvalidMetadataException(what + " is not base64");
      }
    }

    @Override
    public String formatExpires(Instant expires) {
      // Go's RFC3339Nano: the fraction without trailing zeros. notary-server re-marshals what it
      // decodes when it pins the snapshot by hash, so Java's 3/6/9-digit groups (".120Z" where Go
      // writes ".12Z") made its timestamp point at a snapshot that did not exist.
      String whole = expires.truncatedTo(ChronoUnit.SECONDS).toString();
      if (expires.getNano() == 0) {
        return whole;
      }
      String fraction = String.format("%09d", expires.getNano()).replaceAll("0+$", "");
      return whole.substring(0, whole.length() - 1) + "." + fraction + "Z";
    }

    @Override
    public KeyEncoding keyEncoding() {
      return KeyEncoding.NOTARY;
    }

    @Override
    public PathMatching pathMatching() {
      return PathMatching.PREFIX;
    }
  };

  /** The spec version Mallory writes into TUF 1.0 metadata. */
  public static final String SPEC_VERSION = "1.0.31";

  public abstract String typeName(RoleType type);

  /** How a parent's {@code meta} names a role's file. */
  public abstract String metaKey(String roleName);

  abstract String roleNameOfMetaKey(String key);

  /** Hashes and signatures as text. */
  abstract String encodeBytes(byte[] bytes);

  abstract byte[] decodeBytes(String text, String what);

  public abstract String formatExpires(Instant expires);

  public abstract KeyEncoding keyEncoding();

  public abstract PathMatching pathMatching();

  RoleType typeOf(String typeName) {
    for (RoleType type : RoleType.values()) {
      if (typeName(type).equals(typeName)) {
        return type;
      }
    }
    throw new InvalidMetadataException("unknown _type " + typeName + " for the " + this + " dialect");
  }

  Instant parseExpires(String text) {
    return Expires.parse(text);
  }

  /** Parses a metadata file of any role, within {@link JsonLimits#DEFAULT}. */
  public Metadata<? extends Signed> parse(byte[] raw) {
    return parse(raw, JsonLimits.DEFAULT);
  }

  public Metadata<? extends Signed> parse(byte[] raw, JsonLimits limits) {
    return new MetadataReader(this).read(raw, limits);
  }

  /** Parses and requires a role type; a file of another type is an InvalidMetadataException. */
  public <T extends Signed> Metadata<T> parse(byte[] raw, Class<T> type) {
    return parse(raw).as(type);
  }

  /** The JSON of a model object, unknown fields included. */
  public ObjectNode toJson(Signed signed) {
    return new MetadataWriter(this).signed(signed);
  }

  /** Signs a model object with the given keys and serialises the envelope. */
  public <T extends Signed> Metadata<T> sign(T signed, List<SigningKey> keys) {
    ObjectNode json = toJson(signed);
    byte[] payload = CanonicalJson.encode(json);
    List<Signature> signatures = new ArrayList<>();
    for (SigningKey key : keys) {
      signatures.add(key.sign(payload));
    }
    return new Metadata<>(signed, signatures, payload, envelope(json, signatures));
  }

  /**
   * Signs arbitrary JSON as {@code signed}: the attacker's tool for metadata the model refuses to
   * build (threshold 0, duplicate key ids, wrong types). Returns the envelope's bytes.
   */
  public byte[] signJson(JsonNode signedJson, List<SigningKey> keys) {
    byte[] payload = CanonicalJson.encode(signedJson);
    List<Signature> signatures = new ArrayList<>();
    for (SigningKey key : keys) {
      signatures.add(key.sign(payload));
    }
    return envelope(signedJson, signatures);
  }

  /**
   * The envelope bytes, {@code {"signed": ..., "signatures": [...]}} as compact JSON.
   *
   * <p>Notary: exactly what Go's {@code json.Marshal(data.Signed)} writes, {@code signed} being the
   * canonical JSON (keys sorted) it was signed over. notary-server decodes an upload and pins the
   * snapshot in its timestamp by the hash of that form, then looks the snapshot up by this hash:
   * bytes in any other key order are accepted but leave the GUN without a servable timestamp.
   */
  public byte[] envelope(JsonNode signedJson, List<Signature> signatures) {
    if (this == NOTARY) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.writeBytes("{\"signed\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.writeBytes(CanonicalJson.encode(signedJson));
      out.writeBytes(",\"signatures\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.writeBytes(Json.write(signaturesJson(signatures)));
      out.writeBytes("}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return out.toByteArray();
    }
    ObjectNode envelope = Json.object();
    envelope.set("signed", signedJson);
    envelope.set("signatures", signaturesJson(signatures));
    return Json.write(envelope);
  }

  public ArrayNode signaturesJson(List<Signature> signatures) {
    ArrayNode array = Json.nodes().arrayNode();
    for (Signature s : signatures) {
      ObjectNode entry = array.addObject();
      entry.put("keyid", s.keyId());
      if (s.method() != null) {
        entry.put("method", s.method());
      }
      entry.put("sig", encodeBytes(s.value()));
    }
    return array;
  }
}
