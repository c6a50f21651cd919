package dev.mallory.model;

import java.util.HexFormat;

/**
 * One entry of an envelope's {@code signatures}.
 *
 * @param keyId the key id the signature claims
 * @param method the Notary signature method ({@code ecdsa}, {@code eddsa}); {@code null} in TUF 1.0
 * @param value the signature bytes (hex-decoded in TUF 1.0, base64-decoded in Notary)
 */
public record Signature(String keyId, String method, byte[] value) {
  public Signature {
    Checks.present(keyId, "signature keyid");
    value = Checks.present(value, "signature value").clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s
        && s.keyId.equals(keyId)
        && java.util.Objects.equals(s.method, method)
        && java.util.Arrays.equals(s.value, value);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + java.util.Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Signature[keyId=" + keyId + ", method=" + method + ", value=" + HexFormat.of().formatHex(value) + "]";
  }
}
