'use strict';
// Unit tests of the shim's helpers: reference-time parsing, error reporting, target confinement.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { parseReferenceTime, chooseReferenceTime, ClockError } = require('../lib/fake-clock');
const { recordThrows, errorLine } = require('../lib/error-report');
const { localTargetPath, prepareParent, UnsafeTargetPathError } = require('../lib/target-path');
const { tempDir } = require('../test-support/harness');

const T = Date.UTC(2026, 0, 2, 3, 4, 5); // 2026-01-02T03:04:05Z

test('reference time: every accepted FAKETIME form', () => {
  assert.equal(parseReferenceTime(`@${T / 1000}`), T);
  assert.equal(parseReferenceTime('2026-01-02T03:04:05Z'), T);
  assert.equal(parseReferenceTime('2026-01-02 03:04:05'), T, 'no zone means UTC');
  assert.equal(parseReferenceTime('@2026-01-02 03:04:05'), T, "libfaketime's start-at form");
  assert.equal(parseReferenceTime('2026-01-02T05:04:05+02:00'), T);
  assert.equal(parseReferenceTime('-3600', T + 3600e3), T, "the faketime wrapper's seconds offset");
  assert.equal(parseReferenceTime('+400d', T), T + 400 * 86400e3);
  for (const bad of ['tomorrow', '2026-13-45T00:00:00Z', '@', '']) {
    assert.throws(() => parseReferenceTime(bad), ClockError, bad);
  }
});

test('reference time: the option wins, and a preloaded libfaketime is not applied twice', () => {
  assert.equal(chooseReferenceTime(undefined, {}), undefined);
  assert.equal(chooseReferenceTime(undefined, { FAKETIME: '@1' }), 1000);
  assert.equal(chooseReferenceTime('@2', { FAKETIME: '@1' }), 2000);
  assert.equal(chooseReferenceTime(undefined, { FAKETIME: '-5', LD_PRELOAD: '/usr/$LIB/faketime/libfaketime.so.1' }), undefined);
});

test('error line: a wrapped error is reported by the recorded original', async () => {
  class UnsignedMetadataError extends Error {}
  class RuntimeError extends Error {}
  const recorded = [];
  const store = {
    update() { throw new UnsignedMetadataError('snapshot was signed by 0/1 keys'); },
    async fetch() { throw Object.assign(new Error('Failed to download'), { statusCode: 404 }); },
  };
  recordThrows(store, ['update', 'fetch'], recorded);
  let wrapper;
  try { store.update(); } catch (e) { wrapper = new RuntimeError(`Unable to load snapshot metadata error ${e}`); }
  assert.equal(errorLine(wrapper, recorded), 'ERROR UnsignedMetadataError: snapshot was signed by 0/1 keys');
  await assert.rejects(store.fetch());
  assert.equal(errorLine(recorded[1], recorded), 'ERROR Error: Failed to download (HTTP 404)');
  const caused = new TypeError('fetch failed', { cause: new RangeError('line one\nline two') });
  assert.equal(errorLine(caused, []), 'ERROR RangeError: line one line two');
});

test('target paths stay inside the target directory', (t) => {
  const dir = tempDir(t);
  assert.equal(localTargetPath(dir, 'a/b/c.txt'), path.join(dir, 'a', 'b', 'c.txt'));
  for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a/.', '', 'a\0b']) {
    assert.throws(() => localTargetPath(dir, bad), UnsafeTargetPathError, JSON.stringify(bad));
  }
  // A symbolic link inside the directory must not lead a write outside it.
  const outside = tempDir(t);
  fs.symlinkSync(outside, path.join(dir, 'link'));
  assert.throws(() => prepareParent(dir, localTargetPath(dir, 'link/x.txt')), UnsafeTargetPathError);
  const created = prepareParent(dir, localTargetPath(dir, 'new/sub/x.txt'));
  assert.equal(created, path.join(dir, 'new'));
});
