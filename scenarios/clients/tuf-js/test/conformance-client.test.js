'use strict';
// The conformance shim end to end: a repository generated with @tufjs/models, served on
// 127.0.0.1, fetched by the real tuf-js through tuf-js-client.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { tempDir, shim, generateRepo, serve, filesUnder } = require('../test-support/harness');

const DAY_S = 86400;

// A fresh repository, its server, and a client initialised with the repository's root v1.
async function setUp(t) {
  const repo = await generateRepo(t);
  const server = await serve(t, repo.dir);
  const work = tempDir(t);
  const client = {
    metadataDir: path.join(work, 'metadata'),
    targetDir: path.join(work, 'downloads'), // deliberately missing: download must create it
    metadataUrl: `${server.url}/metadata`,
    targetBaseUrl: `${server.url}/targets`,
  };
  const init = await shim(['--metadata-dir', client.metadataDir, 'init', repo.trustedRoot]);
  assert.equal(init.code, 0, init.stderr);
  const refreshArgs = ['--metadata-url', client.metadataUrl, '--metadata-dir', client.metadataDir, 'refresh'];
  const downloadArgs = (...names) => [
    '--metadata-url', client.metadataUrl, '--metadata-dir', client.metadataDir,
    ...names.flatMap((n) => ['--target-name', n]),
    '--target-dir', client.targetDir, '--target-base-url', client.targetBaseUrl, 'download'];
  return { repo, server, client, refreshArgs, downloadArgs };
}

test('init copies the trusted root byte for byte and makes no request', async (t) => {
  const { repo, server, client } = await setUp(t);
  assert.deepEqual(fs.readFileSync(path.join(client.metadataDir, 'root.json')), fs.readFileSync(repo.trustedRoot));
  assert.deepEqual(server.requests, []);
});

test('refresh succeeds and stores unversioned top-level metadata', async (t) => {
  const { server, client, refreshArgs } = await setUp(t);
  const r = await shim(refreshArgs);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(fs.readdirSync(client.metadataDir).sort(),
    ['root.json', 'snapshot.json', 'targets.json', 'timestamp.json']);
  // Spec 5.3-5.6 with consistent snapshots: probe root v2, then the versioned files.
  assert.deepEqual(server.requests, ['404 /metadata/2.root.json', '200 /metadata/timestamp.json',
    '200 /metadata/1.snapshot.json', '200 /metadata/1.targets.json']);
});

test('options in any order and URLs with a trailing slash work', async (t) => {
  const { client } = await setUp(t);
  const r = await shim(['refresh', '--metadata-dir', client.metadataDir, `--metadata-url=${client.metadataUrl}/`]);
  assert.equal(r.code, 0, r.stderr);
});

test('download writes the top-level and the delegated target, in order, with the exact bytes', async (t) => {
  const { repo, server, client, downloadArgs } = await setUp(t);
  const r = await shim(downloadArgs('dir/top-level.bin', 'delegated.txt'));
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(filesUnder(client.targetDir), ['delegated.txt', path.join('dir', 'top-level.bin')]);
  for (const [name, info] of Object.entries(repo.targets)) {
    assert.deepEqual(fs.readFileSync(path.join(client.targetDir, name)), fs.readFileSync(info.file), name);
  }
  // role1 is fetched only when the search for delegated.txt reaches it, after the first target.
  const fetched = server.requests.filter((l) => l.includes('role1') || l.includes('/targets/'));
  assert.deepEqual(fetched.map((l) => l.replace(/[0-9a-f]{64}/, 'H')),
    ['200 /targets/dir/H.top-level.bin', '200 /metadata/1.role1.json', '200 /targets/H.delegated.txt']);
  assert.ok(fs.existsSync(path.join(client.metadataDir, 'role1.json')));
});

test('a target already downloaded is not fetched again', async (t) => {
  const { server, downloadArgs } = await setUp(t);
  assert.equal((await shim(downloadArgs('delegated.txt'))).code, 0);
  const before = server.requests.filter((l) => l.includes('/targets/')).length;
  const r = await shim(downloadArgs('delegated.txt'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /cached/);
  assert.equal(server.requests.filter((l) => l.includes('/targets/')).length, before);
});

test('a tampered target of the same length is refused and nothing is left in the target dir', async (t) => {
  const { repo, server, client, downloadArgs } = await setUp(t);
  const info = repo.targets['dir/top-level.bin'];
  const evil = Buffer.from(fs.readFileSync(info.file));
  evil[0] ^= 0x01;
  server.overrides.set(`/targets/dir/${path.basename(info.file)}`, evil);
  const r = await shim(downloadArgs('dir/top-level.bin'));
  assert.equal(r.code, 1);
  assert.match(r.errorLine, /^ERROR LengthOrHashMismatchError: Expected hash /);
  assert.deepEqual(filesUnder(client.targetDir), []);
  assert.ok(!fs.existsSync(path.join(client.targetDir, 'dir')), 'the directory made for it is removed');
});

test('with FAKETIME 400 days ahead the timestamp is expired (freeze attack)', async (t) => {
  const { refreshArgs } = await setUp(t);
  const later = Math.floor(Date.now() / 1000) + 400 * DAY_S;
  const r = await shim(refreshArgs, { env: { FAKETIME: `@${later}` } });
  assert.equal(r.code, 1);
  assert.equal(r.errorLine, 'ERROR ExpiredMetadataError: Final timestamp.json is expired');
});

test('FAKETIME and --reference-time accept ISO-8601; the option wins', async (t) => {
  const { refreshArgs } = await setUp(t);
  const iso = (days) => new Date(Date.now() + days * DAY_S * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const spaced = iso(400).replace('T', ' ').replace('Z', '');
  assert.equal((await shim(refreshArgs, { env: { FAKETIME: spaced } })).code, 1);
  assert.equal((await shim([...refreshArgs, '--reference-time', iso(400)])).code, 1);
  // The option wins over the environment.
  const r = await shim([...refreshArgs, '--reference-time', iso(0)], { env: { FAKETIME: spaced } });
  assert.equal(r.code, 0, r.stderr);
});

test('a target no role lists fails after a full refresh', async (t) => {
  const { client, downloadArgs } = await setUp(t);
  const r = await shim(downloadArgs('delegated.txt', 'missing.txt'));
  assert.equal(r.code, 1);
  assert.equal(r.errorLine, 'ERROR TargetNotFoundError: missing.txt is not listed by any trusted targets role');
  assert.ok(fs.existsSync(path.join(client.metadataDir, 'targets.json')));
  assert.deepEqual(filesUnder(client.targetDir), ['delegated.txt'], 'targets before the failure stay');
});

test('a wrapped error is reported by its real class (snapshot that does not match timestamp)', async (t) => {
  const { repo, server, refreshArgs } = await setUp(t);
  const snapshot = fs.readFileSync(path.join(repo.metadataDir, '1.snapshot.json'));
  // Same length (a longer file would stop at the download cap instead), different hash.
  server.overrides.set('/metadata/1.snapshot.json', Buffer.concat([snapshot.subarray(0, -1), Buffer.from(' ')]));
  const r = await shim(refreshArgs);
  assert.equal(r.code, 1);
  // tuf-js throws RuntimeError('Unable to load snapshot metadata error Error: ...').
  assert.match(r.errorLine, /^ERROR LengthOrHashMismatchError: /);
});

test('usage errors exit 1 with an ERROR line', async (t) => {
  for (const args of [[], ['refresh'], ['--metadata-dir', tempDir(t), 'frobnicate'], ['--bogus', 'refresh']]) {
    const r = await shim(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.errorLine, /^ERROR UsageError: /, args.join(' '));
  }
});
