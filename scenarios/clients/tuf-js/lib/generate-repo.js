'use strict';
// A complete TUF 1.0 repository built with @tufjs/models, so Mallory's Java client and parsers can
// be checked against metadata written by another implementation. Everything is generated at run
// time relative to now (keys, content, expiries); nothing signed is ever committed.
//
// Layout (consistent snapshots on, spec 6.1/6.2):
//   metadata/1.root.json  timestamp.json  1.snapshot.json  1.targets.json  1.role1.json
//   targets/dir/<sha256>.top-level.bin   (listed by targets)
//   targets/<sha256>.delegated.txt       (listed by role1, which targets delegates "*.txt" to)
// Keys: root = ed25519 + ecdsa, threshold 2; timestamp ed25519; snapshot ecdsa; targets rsa;
// role1 ed25519. Unknown fields sit in root's signed part and in role1's delegation entry: the
// signatures cover them, so a parser that drops them fails verification.
//
// With { secondRelease: true } a second release follows, as a repository that lives on makes it:
// 2.root.json rotates the timestamp key (signed by the unchanged root keys), 2.targets.json and
// 2.role1.json each add a target, 2.snapshot.json lists them, and timestamp.json (version 2, new
// key) replaces the first. Every version-1 file stays: with consistent snapshots only a client
// that names files by version fetches the current ones.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Metadata, Root, Targets, Snapshot, Timestamp, MetaFile, TargetFile } = require('@tufjs/models');
const { generateKey } = require('./keys');

const SPEC_VERSION = '1.0.31';
const DAY_MS = 86400e3;
const UNKNOWN_FIELD = 'x-mallory-unknown-field';
// Long-lived roles outlive short-lived ones, so "400 days later" expires timestamp and snapshot
// but not root: the client then fails on the role under test, not on root.
const EXPIRY_DAYS = { root: 3650, targets: 730, role1: 730, snapshot: 365, timestamp: 1 };

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
// Spec 4.2: expires is ISO-8601 in UTC without fractional seconds.
const inDays = (days) => new Date(Date.now() + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
const common = (role, version = 1) => ({ version, specVersion: SPEC_VERSION, expires: inDays(EXPIRY_DAYS[role]) });
// File bytes may be formatted freely: lengths and hashes cover the bytes as written.
const bytesOf = (metadata) => Buffer.from(`${JSON.stringify(metadata.toJSON(), null, 2)}\n`);
const metaFileFor = (bytes, version = 1) => new MetaFile({ version, length: bytes.length, hashes: { sha256: sha256(bytes) } });

function signed(signedPart, ...signers) {
  const metadata = new Metadata(signedPart);
  for (const { signer } of signers) metadata.sign(signer);
  return metadata;
}

function writeTarget(targetsDir, targetPath, content) {
  // Spec 5.7.3: with consistent snapshots the file is <hash>.<basename> in the target's directory.
  const { dir, base } = path.posix.parse(targetPath);
  const file = path.join(targetsDir, dir, `${sha256(content)}.${base}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function generateRepository(outDir, { secondRelease = false } = {}) {
  const metadataDir = path.join(outDir, 'metadata');
  const targetsDir = path.join(outDir, 'targets');
  fs.mkdirSync(metadataDir, { recursive: true });
  fs.mkdirSync(targetsDir, { recursive: true });

  const k = {
    rootEd: generateKey('ed25519'), rootEc: generateKey('ecdsa'), timestamp: generateKey('ed25519'),
    snapshot: generateKey('ecdsa'), targets: generateKey('rsa'), role1: generateKey('ed25519'),
  };
  const keyMap = (...keys) => Object.fromEntries(keys.map(({ key }) => [key.keyID, key.toJSON()]));
  const role = (threshold, ...keys) => ({ keyids: keys.map(({ key }) => key.keyID), threshold });

  // Root and the delegating targets go through fromJSON: the Role/DelegatedRole/Delegations
  // classes needed for a threshold of 2 and for delegations are not exported by @tufjs/models 4.
  const rootVersion = (version, timestampKey) => Root.fromJSON({
    _type: 'root', spec_version: SPEC_VERSION, version, expires: inDays(EXPIRY_DAYS.root),
    consistent_snapshot: true,
    keys: keyMap(k.rootEd, k.rootEc, timestampKey, k.snapshot, k.targets),
    roles: {
      root: role(2, k.rootEd, k.rootEc), timestamp: role(1, timestampKey),
      snapshot: role(1, k.snapshot), targets: role(1, k.targets),
    },
    [UNKNOWN_FIELD]: { purpose: 'unknown fields must be kept and signed over' },
  });
  const root = rootVersion(1, k.timestamp);

  const topContent = Buffer.concat([Buffer.from('top-level target\n'), crypto.randomBytes(48)]);
  const delegatedContent = Buffer.from(`delegated target, generated ${new Date().toISOString()}\n`);
  const targets = {
    'dir/top-level.bin': { role: 'targets', content: topContent },
    'delegated.txt': { role: 'role1', content: delegatedContent },
  };
  const fileInfo = (content) => ({ length: content.length, hashes: { sha256: sha256(content) } });

  const topTargets = Targets.fromJSON({
    _type: 'targets', spec_version: SPEC_VERSION, version: 1, expires: inDays(EXPIRY_DAYS.targets),
    targets: { 'dir/top-level.bin': { ...fileInfo(topContent), custom: { note: 'custom is a defined field' } } },
    delegations: {
      keys: keyMap(k.role1),
      roles: [{
        name: 'role1', ...role(1, k.role1), terminating: false, paths: ['*.txt'],
        [UNKNOWN_FIELD]: 'kept in a delegated role entry',
      }],
    },
  });
  const role1 = new Targets(common('role1'));
  role1.addTarget(new TargetFile({ path: 'delegated.txt', ...fileInfo(delegatedContent) }));

  const rootBytes = bytesOf(signed(root, k.rootEd, k.rootEc));
  const targetsBytes = bytesOf(signed(topTargets, k.targets));
  const role1Bytes = bytesOf(signed(role1, k.role1));
  const snapshotBytes = bytesOf(signed(new Snapshot({
    ...common('snapshot'),
    meta: { 'targets.json': metaFileFor(targetsBytes), 'role1.json': metaFileFor(role1Bytes) },
  }), k.snapshot));
  const timestampBytes = bytesOf(signed(new Timestamp({
    ...common('timestamp'), snapshotMeta: metaFileFor(snapshotBytes),
  }), k.timestamp));

  const files = {
    '1.root.json': rootBytes, 'timestamp.json': timestampBytes, '1.snapshot.json': snapshotBytes,
    '1.targets.json': targetsBytes, '1.role1.json': role1Bytes,
  };
  if (secondRelease) {
    Object.assign(files, writeSecondRelease({ k, rootVersion, topTargets, role1, targets, fileInfo }));
  }
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(metadataDir, name), bytes);

  // What a test needs to know, printed as JSON by the CLI.
  return {
    metadataDir,
    targetsDir,
    trustedRoot: path.join(metadataDir, '1.root.json'),
    release: secondRelease ? 2 : 1, // the version of every role's newest file
    unknownField: UNKNOWN_FIELD,
    keytypes: { root: ['ed25519', 'ecdsa'], timestamp: ['ed25519'], snapshot: ['ecdsa'], targets: ['rsa'], role1: ['ed25519'] },
    targets: Object.fromEntries(Object.entries(targets).map(([name, { role: listedBy, content }]) => [name, {
      role: listedBy, length: content.length, sha256: sha256(content), file: writeTarget(targetsDir, name, content),
    }])),
  };
}

// Version 2 of every role (see the header): returns file name -> bytes, and adds its targets to
// `targets`. Targets and role1 are their version 1 with one more target and a new version.
function writeSecondRelease({ k, rootVersion, topTargets: topTargetsV1, role1: role1V1, targets, fileInfo }) {
  const newTimestampKey = generateKey('ed25519');
  const topContent = Buffer.concat([Buffer.from('second release, top level\n'), crypto.randomBytes(32)]);
  const delegatedContent = Buffer.from(`second release, delegated, ${new Date().toISOString()}\n`);
  targets['dir/second.bin'] = { role: 'targets', content: topContent };
  targets['second.txt'] = { role: 'role1', content: delegatedContent };

  const next = (v1, role) => Targets.fromJSON({ ...v1.toJSON(), version: 2, expires: inDays(EXPIRY_DAYS[role]) });
  const topTargets = next(topTargetsV1, 'targets');
  topTargets.addTarget(new TargetFile({ path: 'dir/second.bin', ...fileInfo(topContent) }));
  const role1 = next(role1V1, 'role1');
  role1.addTarget(new TargetFile({ path: 'second.txt', ...fileInfo(delegatedContent) }));

  const rootBytes = bytesOf(signed(rootVersion(2, newTimestampKey), k.rootEd, k.rootEc));
  const targetsBytes = bytesOf(signed(topTargets, k.targets));
  const role1Bytes = bytesOf(signed(role1, k.role1));
  const snapshotBytes = bytesOf(signed(new Snapshot({
    ...common('snapshot', 2),
    meta: { 'targets.json': metaFileFor(targetsBytes, 2), 'role1.json': metaFileFor(role1Bytes, 2) },
  }), k.snapshot));
  const timestampBytes = bytesOf(signed(new Timestamp({
    ...common('timestamp', 2), snapshotMeta: metaFileFor(snapshotBytes, 2),
  }), newTimestampKey));
  return {
    '2.root.json': rootBytes, 'timestamp.json': timestampBytes, '2.snapshot.json': snapshotBytes,
    '2.targets.json': targetsBytes, '2.role1.json': role1Bytes,
  };
}

module.exports = { generateRepository };
