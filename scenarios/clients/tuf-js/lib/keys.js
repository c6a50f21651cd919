'use strict';
// Keys of the three types the TUF specification defines, as @tufjs/models Keys, with signers.
// Public key encodings follow the spec (and what python-tuf/securesystemslib write):
//   ed25519 / ed25519             keyval.public = hex of the raw 32-byte key
//   ecdsa   / ecdsa-sha2-nistp256 keyval.public = PEM SubjectPublicKeyInfo; signature DER-encoded
//   rsa     / rsassa-pss-sha256   keyval.public = PEM SubjectPublicKeyInfo; PSS, MGF1-SHA256,
//                                 salt length 32 (the digest length: what verifiers with a fixed
//                                 salt, e.g. Bouncy Castle's SHA256withRSA/PSS, expect)
const crypto = require('crypto');
const { Key, Signature } = require('@tufjs/models');
const { canonicalize } = require('@tufjs/canonical-json');

const pem = (publicKey) => publicKey.export({ format: 'pem', type: 'spki' });

const KINDS = {
  ed25519: {
    scheme: 'ed25519',
    generate: () => crypto.generateKeyPairSync('ed25519'),
    publicValue: (publicKey) => Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url').toString('hex'),
    sign: (data, privateKey) => crypto.sign(null, data, privateKey),
  },
  ecdsa: {
    scheme: 'ecdsa-sha2-nistp256',
    generate: () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    publicValue: pem,
    sign: (data, privateKey) => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }),
  },
  rsa: {
    scheme: 'rsassa-pss-sha256',
    // 2048 bits: the spec sets no size; 3072-bit generation costs about a second per key here.
    generate: () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
    publicValue: pem,
    sign: (data, privateKey) => crypto.sign('sha256', data, {
      key: privateKey,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST,
    }),
  },
};

// The spec's key id: hex SHA-256 of the canonical JSON of the key object.
function keyIdOf(keyJson) {
  return crypto.createHash('sha256').update(canonicalize(keyJson)).digest('hex');
}

// A fresh key of `keytype`: { key: Key, signer } where signer(bytes) -> Signature, the callback
// form Metadata.sign() expects.
function generateKey(keytype) {
  const kind = KINDS[keytype];
  if (!kind) throw new Error(`unknown key type ${keytype}`);
  const { publicKey, privateKey } = kind.generate();
  const json = { keytype, scheme: kind.scheme, keyval: { public: kind.publicValue(publicKey) } };
  const keyID = keyIdOf(json);
  const key = new Key({ keyID, keyType: keytype, scheme: kind.scheme, keyVal: json.keyval });
  const signer = (bytes) => new Signature({ keyID, sig: kind.sign(bytes, privateKey).toString('hex') });
  return { key, signer };
}

module.exports = { generateKey, keyIdOf };
