#!/usr/bin/env node
'use strict';
// tuf-js 5 behind the TUF conformance client CLI (tuf-conformance CLIENT-CLI.md), so Mallory can
// drive it like any other client under test: the exit code says whether the client accepted what
// the (possibly hostile) repository served, and the last stderr line says why it refused.
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const { chooseReferenceTime, installReferenceTime } = require('./lib/fake-clock');
const { recordThrows, errorLine } = require('./lib/error-report');
const { localTargetPath, prepareParent, removeCreated } = require('./lib/target-path');

const USAGE = `usage:
  tuf-js-client --metadata-dir DIR init TRUSTED_ROOT
  tuf-js-client --metadata-url URL --metadata-dir DIR refresh
  tuf-js-client --metadata-url URL --metadata-dir DIR --target-name PATH [--target-name PATH2 ...]
                --target-dir TDIR --target-base-url TURL download
options may come in any order; --reference-time ISO-8601 (or env FAKETIME) sets the client's "now".
exit 0 on success, 1 on any failure, with "ERROR <ErrorClass>: <message>" as the last stderr line.
env MALLORY_TUFJS_FETCH_TIMEOUT_MS, MALLORY_TUFJS_FETCH_RETRY override tuf-js's fetch defaults
(100000 ms per request, 2 retries on network errors and 5xx).`;

// Harness faults (UsageError, SetupError, and ClockError from lib/fake-clock) also exit 1, as the
// protocol has no other failure code: a caller tells them from a refusal by the class name.
class UsageError extends Error {}
class SetupError extends Error {}
class TargetNotFoundError extends Error {}

const OPTIONS = {
  'metadata-dir': { type: 'string' },
  'metadata-url': { type: 'string' },
  'target-name': { type: 'string', multiple: true },
  'target-dir': { type: 'string' },
  'target-base-url': { type: 'string' },
  'reference-time': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

// Errors thrown inside the updater, so a wrapped error can be reported by its real class.
const recorded = [];

function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e.message);
  }
  const { values, positionals } = parsed;
  for (const [name, spec] of Object.entries(OPTIONS)) {
    // parseArgs keeps the last of a repeated single-valued option; a repeat is a caller bug.
    if (!spec.multiple && spec.type === 'string' && argv.filter((a) => a === `--${name}` || a.startsWith(`--${name}=`)).length > 1) {
      throw new UsageError(`--${name} given more than once`);
    }
  }
  return { values, command: positionals[0], args: positionals.slice(1) };
}

function required(values, name) {
  if (!values[name]) throw new UsageError(`--${name} is required`);
  return values[name];
}

function httpUrl(values, name) {
  const text = required(values, name);
  let url;
  try { url = new URL(text); } catch { throw new UsageError(`--${name}: not a URL: ${text}`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--${name}: not http(s): ${text}`);
  return text; // tuf-js adds the missing trailing slash itself when it joins paths
}

function envInteger(name) {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${name} must be a non-negative integer`);
  return Number(text);
}

function loadTufJs() {
  try {
    return require('tuf-js');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    throw new SetupError(`tuf-js is not installed: run "npm ci" in ${__dirname}`);
  }
}

function makeUpdater(values, targetDir, targetBaseUrl) {
  const { Updater } = loadTufJs();
  const config = {};
  const timeout = envInteger('MALLORY_TUFJS_FETCH_TIMEOUT_MS');
  const retry = envInteger('MALLORY_TUFJS_FETCH_RETRY');
  if (timeout !== undefined) config.fetchTimeout = timeout;
  if (retry !== undefined) config.fetchRetry = retry;
  const updater = new Updater({
    metadataDir: required(values, 'metadata-dir'),
    metadataBaseUrl: httpUrl(values, 'metadata-url'),
    targetDir,
    targetBaseUrl,
    config,
  });
  // tuf-js keeps these as plain fields; if a later version renames them only the reporting of
  // wrapped errors gets coarser, the verdicts do not change.
  recordThrows(updater.trustedSet, ['updateRoot', 'updateTimestamp', 'updateSnapshot', 'updateDelegatedTargets'], recorded);
  recordThrows(updater.fetcher, ['downloadBytes', 'downloadFile'], recorded);
  return updater;
}

// init: trust the given root. No network and no validation (CLIENT-CLI.md: "no checks are
// expected"); a bad root makes the next refresh fail before any request.
function init(values, args) {
  if (args.length !== 1) throw new UsageError('init takes exactly one TRUSTED_ROOT');
  const dir = required(values, 'metadata-dir');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(args[0], path.join(dir, 'root.json'));
  console.log(`OK init ${path.join(dir, 'root.json')}`);
}

async function refresh(values, args) {
  if (args.length) throw new UsageError(`refresh takes no arguments, got ${args.join(' ')}`);
  await makeUpdater(values).refresh();
  console.log('OK refresh');
}

// download: refresh once, then each target in order with the same updater (the order and the
// shared trusted state matter for delegation tests); the first failure ends the command.
async function download(values, args) {
  if (args.length) throw new UsageError(`download takes no arguments, got ${args.join(' ')}`);
  const names = required(values, 'target-name');
  const targetDir = required(values, 'target-dir');
  const updater = makeUpdater(values, targetDir, httpUrl(values, 'target-base-url'));
  await updater.refresh();
  fs.mkdirSync(targetDir, { recursive: true });
  for (const name of names) {
    const info = await updater.getTargetInfo(name);
    if (!info) throw new TargetNotFoundError(`${name} is not listed by any trusted targets role`);
    const local = localTargetPath(targetDir, name);
    // CLIENT-CLI.md: an artifact already on disk with matching hashes is not fetched again.
    if (await updater.findCachedTarget(info, local)) {
      console.log(`OK ${name} ${local} cached`);
      continue;
    }
    const created = prepareParent(targetDir, local);
    try {
      // tuf-js fetches into a temporary file, checks length and hashes (spec 5.7.3), and only
      // then copies to `local`: a refused target leaves nothing in TDIR.
      await updater.downloadTarget(info, local);
    } catch (e) {
      removeCreated(created);
      throw e;
    }
    console.log(`OK ${name} ${local}`);
  }
}

async function main(argv) {
  const { values, command, args } = parseCommandLine(argv);
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // Before any Updater exists: tuf-js fixes its reference time when the updater is created.
  const referenceTime = chooseReferenceTime(values['reference-time']);
  if (referenceTime !== undefined) installReferenceTime(referenceTime);
  switch (command) {
    case 'init': return init(values, args);
    case 'refresh': return refresh(values, args);
    case 'download': return download(values, args);
    default: throw new UsageError(command ? `unknown command '${command}'` : 'missing command (init, refresh, download)');
  }
}

function fail(error) {
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  // stderr is synchronous for files and pipes on Linux, so exiting right after loses nothing.
  process.stderr.write(`${errorLine(error, recorded)}\n`);
  process.exit(1);
}

// A stray error from a stream callback must still end as exit 1 with an ERROR line.
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
main(process.argv.slice(2)).then(() => process.exit(0), fail);
