'use strict';
// models-interop.js: the generated repository is what the spec and tuf-js expect, and `verify`
// tells good signatures from a single flipped byte.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { INTEROP, tempDir, run, generateRepo } = require('../test-support/harness');

// Copy the repository's metadata under the unversioned names a client (or Mallory's Java side)
// writes, the layout `verify` reads.
function clientLayout(t, repo) {
  const dir = tempDir(t);
  for (const name of fs.readdirSync(repo.metadataDir)) {
    fs.copyFileSync(path.join(repo.metadataDir, name), path.join(dir, name.replace(/^\d+\./, '')));
  }
  return dir;
}

const verify = (...args) => run(process.execPath, [INTEROP, 'verify', ...args]);

// Change exactly one byte of the file: the first hex digit of its first signature.
function flipSignature(file) {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf('"sig": "') + '"sig": "'.length;
  assert.ok(at > 7, `no signature in ${file}`);
  bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30; // '0' <-> '1' (or anything -> '0'): still hex
  fs.writeFileSync(file, bytes);
}

test('generate writes the spec layout with all three key types and consistent snapshots', async (t) => {
  const repo = await generateRepo(t);
  assert.deepEqual(fs.readdirSync(repo.metadataDir).sort(),
    ['1.role1.json', '1.root.json', '1.snapshot.json', '1.targets.json', 'timestamp.json']);
  const root = JSON.parse(fs.readFileSync(repo.trustedRoot, 'utf8')).signed;
  assert.equal(root.consistent_snapshot, true);
  assert.equal(root.roles.root.threshold, 2);
  const schemes = Object.values(root.keys).map((k) => `${k.keytype}/${k.scheme}`).sort();
  assert.deepEqual([...new Set(schemes)], ['ecdsa/ecdsa-sha2-nistp256', 'ed25519/ed25519', 'rsa/rsassa-pss-sha256']);
  for (const key of Object.values(root.keys)) {
    if (key.keytype === 'ed25519') assert.match(key.keyval.public, /^[0-9a-f]{64}$/);
    else assert.match(key.keyval.public, /^-----BEGIN PUBLIC KEY-----\n/);
  }
  for (const [name, info] of Object.entries(repo.targets)) {
    const bytes = fs.readFileSync(info.file);
    assert.equal(path.basename(info.file), `${info.sha256}.${path.posix.basename(name)}`);
    assert.equal(bytes.length, info.length);
  }
});

test('generate --second-release adds version 2 of every role and keeps version 1', async (t) => {
  const repo = await generateRepo(t, '--second-release');
  assert.equal(repo.release, 2);
  assert.deepEqual(fs.readdirSync(repo.metadataDir).sort(), ['1.role1.json', '1.root.json', '1.snapshot.json',
    '1.targets.json', '2.role1.json', '2.root.json', '2.snapshot.json', '2.targets.json', 'timestamp.json']);
  const signed = (name) => JSON.parse(fs.readFileSync(path.join(repo.metadataDir, name), 'utf8')).signed;
  assert.notDeepEqual(signed('2.root.json').roles.timestamp.keyids, signed('1.root.json').roles.timestamp.keyids);
  assert.deepEqual(signed('2.root.json').roles.root, signed('1.root.json').roles.root);
  assert.equal(signed('timestamp.json').meta['snapshot.json'].version, 2);
  assert.deepEqual(Object.keys(signed('2.snapshot.json').meta).sort(), ['role1.json', 'targets.json']);
  assert.deepEqual(Object.keys(signed('2.targets.json').targets).sort(), ['dir/second.bin', 'dir/top-level.bin']);
  assert.deepEqual(Object.keys(signed('2.role1.json').targets).sort(), ['delegated.txt', 'second.txt']);
  assert.deepEqual(Object.values(repo.targets).map((x) => x.role).sort(), ['role1', 'role1', 'targets', 'targets']);
  // clientLayout keeps the last file per role: version 2, which tuf-js's verifier accepts.
  const r = await verify(clientLayout(t, repo));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['OK root v2', 'OK timestamp v2', 'OK snapshot v2', 'OK targets v2', 'OK role1 v2']);
});

test('unknown fields are written inside signed data', async (t) => {
  const repo = await generateRepo(t);
  const root = JSON.parse(fs.readFileSync(repo.trustedRoot, 'utf8')).signed;
  assert.ok(repo.unknownField in root);
  const targets = JSON.parse(fs.readFileSync(path.join(repo.metadataDir, '1.targets.json'), 'utf8')).signed;
  assert.equal(targets.delegations.roles[0].name, 'role1');
  assert.deepEqual(targets.delegations.roles[0].paths, ['*.txt']);
  assert.ok(repo.unknownField in targets.delegations.roles[0]);
});

test('verify accepts the generated repository and sees all three key types sign', async (t) => {
  const repo = await generateRepo(t);
  const r = await verify('--expect-keytypes', 'ed25519,ecdsa,rsa', clientLayout(t, repo));
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['OK root v1', 'OK timestamp v1', 'OK snapshot v1',
    'OK targets v1', 'OK role1 v1', 'OK keytypes ecdsa,ed25519,rsa']);
});

test('verify fails on one flipped byte of a signature, naming the role', async (t) => {
  const repo = await generateRepo(t);
  for (const role of ['root', 'snapshot', 'targets', 'role1']) {
    const dir = clientLayout(t, repo);
    flipSignature(path.join(dir, `${role}.json`));
    const r = await verify(dir);
    assert.equal(r.code, 1, role);
    assert.match(r.stdout, new RegExp(`^FAIL ${role} ${role} was signed by \\d/\\d keys$`, 'm'), r.stdout);
  }
});

test('verify fails when an expected key type never signs, and on a missing top-level role', async (t) => {
  const repo = await generateRepo(t);
  const dir = clientLayout(t, repo);
  const r = await verify('--expect-keytypes', 'ed25519,ecdsa-sha2-nistp384', dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^FAIL keytypes no valid signature by key type ecdsa-sha2-nistp384/m);
  fs.rmSync(path.join(dir, 'snapshot.json'));
  fs.rmSync(path.join(dir, 'role1.json'));
  const missing = await verify(dir);
  assert.equal(missing.code, 1);
  assert.match(missing.stdout, /^FAIL snapshot /m);
  assert.match(missing.stdout, /^SKIP role1 no file$/m, 'delegated roles are optional');
});

test('verify reads exact bytes: a byte-order mark is refused', async (t) => {
  const repo = await generateRepo(t);
  const dir = clientLayout(t, repo);
  const file = path.join(dir, 'timestamp.json');
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(file)]));
  const r = await verify(dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^FAIL timestamp /m);
});
