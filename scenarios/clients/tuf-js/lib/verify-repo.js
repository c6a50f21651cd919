'use strict';
// Check metadata written by another implementation (Mallory's Java signer) with @tufjs/models:
// root by its own keys and threshold, timestamp/snapshot/targets by the keys root assigns them,
// delegated roles by their delegator's keys. Signatures only: expiry, versions and snapshot/
// timestamp hashes are a client's business (and Mallory signs expired metadata on purpose).
//
// The directory holds client-style unversioned names: root.json, timestamp.json, snapshot.json,
// targets.json, and <encodeURIComponent(role)>.json for delegated roles (optional: a delegated
// role without a file is reported as SKIP, not as a failure).
const fs = require('fs');
const path = require('path');
const { Metadata } = require('@tufjs/models');
const { keyIdOf } = require('./keys');

const MAX_FILE_BYTES = 16 * 1024 * 1024; // hostile input is bounded, even from local files
const TOP_LEVEL = ['timestamp', 'snapshot', 'targets'];

// JSON.parse of the exact bytes: invalid UTF-8 or a byte-order mark is an error, not "fixed".
function load(dir, roleName, type) {
  const file = path.join(dir, `${encodeURIComponent(roleName)}.json`);
  const size = fs.statSync(file).size;
  if (size > MAX_FILE_BYTES) throw new Error(`${file} is ${size} bytes, over ${MAX_FILE_BYTES}`);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(fs.readFileSync(file));
  return Metadata.fromJSON(type, JSON.parse(text));
}

// Role name of a file (succinct hash-bin roles are only known by their files); null if the name
// is not valid percent-encoding, i.e. not a file a client could have written.
function roleNameOf(file) {
  try { return decodeURIComponent(file.slice(0, -'.json'.length)); } catch { return null; }
}

function exists(dir, roleName) {
  return fs.existsSync(path.join(dir, `${encodeURIComponent(roleName)}.json`));
}

// Key types whose signature on `metadata` verifies, among the keys `keys` for `keyIDs`.
function signingKeytypes(metadata, keys, keyIDs) {
  const found = [];
  for (const id of keyIDs) {
    const key = keys[id];
    if (!key) continue;
    try {
      key.verifySignature(metadata);
      found.push(key.keyType);
    } catch {
      // not signed by this key: verifyDelegate's threshold check decides whether that matters
    }
  }
  return found;
}

function verifyRepository(dir, { expectKeytypes = [] } = {}) {
  const lines = [];
  let ok = true;
  const keytypesSeen = new Set();
  const pass = (role, md) => lines.push(`OK ${role} v${md.signed.version}`);
  const fail = (role, reason) => { ok = false; lines.push(`FAIL ${role} ${String(reason).replace(/\s+/g, ' ')}`); };
  const warnKeyIds = (keys) => {
    for (const [id, key] of Object.entries(keys)) {
      if (keyIdOf(key.toJSON()) !== id) lines.push(`WARN key ${id} (${key.keyType}): id is not the sha256 of its canonical JSON`);
    }
  };

  // delegator: trusted Metadata; checks `roleName` signed by the delegator's keys for it.
  const check = (delegator, roleName, type) => {
    const md = load(dir, roleName, type);
    delegator.verifyDelegate(roleName, md);
    const isRoot = delegator.signed.type === 'root';
    const keys = isRoot ? delegator.signed.keys : delegator.signed.delegations.keys;
    const assignment = isRoot ? delegator.signed.roles[roleName]
      : delegator.signed.delegations.roles?.[roleName] ?? delegator.signed.delegations.succinctRoles;
    signingKeytypes(md, keys, assignment.keyIDs).forEach((t) => keytypesSeen.add(t));
    pass(roleName, md);
    return md;
  };

  let root;
  try {
    const candidate = load(dir, 'root', 'root');
    root = check(candidate, 'root', 'root'); // spec 5.3.4: root is signed by its own threshold
    warnKeyIds(root.signed.keys);
  } catch (e) {
    fail('root', e.message);
  }

  const trusted = {};
  for (const role of TOP_LEVEL) {
    if (!root) { fail(role, 'no verified root'); continue; }
    try { trusted[role] = check(root, role, role); } catch (e) { fail(role, e.message); }
  }

  // Delegated roles: walk the delegation graph from targets, following only delegations of roles
  // that verified; a role reached twice is checked against the first delegator that reached it.
  const visited = new Set(['root', ...TOP_LEVEL]);
  const candidates = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map(roleNameOf).filter(Boolean);
  const stack = trusted.targets ? [trusted.targets] : [];
  while (stack.length) {
    const delegator = stack.pop();
    const delegations = delegator.signed.delegations;
    if (!delegations) continue;
    warnKeyIds(delegations.keys);
    const children = delegations.roles ? Object.keys(delegations.roles)
      : candidates.filter((name) => delegations.succinctRoles?.isDelegatedRole(name));
    const verified = [];
    for (const name of children) {
      if (visited.has(name)) continue;
      visited.add(name);
      if (!exists(dir, name)) { lines.push(`SKIP ${name} no file`); continue; }
      try { verified.push(check(delegator, name, 'targets')); } catch (e) { fail(name, e.message); }
    }
    stack.push(...verified.reverse());
  }

  if (expectKeytypes.length) {
    const missing = expectKeytypes.filter((t) => !keytypesSeen.has(t));
    if (missing.length) fail('keytypes', `no valid signature by key type ${missing.join(',')} (seen: ${[...keytypesSeen].join(',') || 'none'})`);
    else lines.push(`OK keytypes ${[...keytypesSeen].sort().join(',')}`);
  }
  return { ok, lines };
}

module.exports = { verifyRepository };
