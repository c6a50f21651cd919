package dev.mallory.crypto;

import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 (RFC 8032, pure), through Bouncy Castle's lightweight API: raw 32-byte keys. */
public final class Ed25519Key implements VerificationKey {
  private final Ed25519PublicKeyParameters key;
  private final byte[] raw;

  private Ed25519Key(Ed25519PublicKeyParameters key, byte[] raw) {
    this.key = key;
    this.raw = raw;
  }

  static Ed25519Key fromRaw(byte[] raw) throws UnsupportedKeyException {
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      throw new UnsupportedKeyException("an ed25519 public key is 32 bytes, found " + raw.length);
    }
    try {
      return new Ed25519Key(new Ed25519PublicKeyParameters(raw, 0), raw.clone());
    } catch (RuntimeException e) {
      throw new UnsupportedKeyException("invalid ed25519 public key", e);
    }
  }

  @Override
  public boolean verify(byte[] payload, byte[] signature) {
    if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(payload, 0, payload.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public String material() {
    return "ed25519:" + HexFormat.of().formatHex(raw);
  }
}
