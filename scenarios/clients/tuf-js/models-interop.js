#!/usr/bin/env node
'use strict';
// Interop between Mallory and @tufjs/models (the metadata layer of tuf-js):
//   node models-interop.js generate [--second-release] OUTDIR
//       writes a complete repository signed with ed25519, ecdsa and rsa keys (lib/generate-repo.js)
//       and prints a JSON summary (trusted root, target files, hashes) on stdout; with
//       --second-release every role also has a version 2 (timestamp key rotated, targets added).
//   node models-interop.js verify [--expect-keytypes ed25519,ecdsa,rsa] METADATA_DIR
//       checks the signatures of metadata another implementation wrote (lib/verify-repo.js);
//       prints "OK <role> v<version>" / "FAIL <role> <reason>" / "SKIP <role> no file" lines.
// Exit 0 on success, 1 when any check fails, 2 on a usage error.
const { parseArgs } = require('util');
const { generateRepository } = require('./lib/generate-repo');
const { verifyRepository } = require('./lib/verify-repo');

const USAGE = 'usage: node models-interop.js generate [--second-release] OUTDIR\n'
  + '       node models-interop.js verify [--expect-keytypes ed25519,ecdsa,rsa] METADATA_DIR';

function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { 'expect-keytypes': { type: 'string' }, 'second-release': { type: 'boolean' } }, allowPositionals: true });
  } catch (e) {
    return usage(e.message);
  }
  const [command, dir, ...extra] = parsed.positionals;
  if (!dir || extra.length) return usage('expected a command and one directory');
  if (command === 'generate') {
    console.log(JSON.stringify(generateRepository(dir, { secondRelease: !!parsed.values['second-release'] }), null, 2));
    return 0;
  }
  if (command === 'verify') {
    const expectKeytypes = (parsed.values['expect-keytypes'] || '').split(',').map((t) => t.trim()).filter(Boolean);
    const { ok, lines } = verifyRepository(dir, { expectKeytypes });
    lines.forEach((line) => console.log(line));
    return ok ? 0 : 1;
  }
  return usage(`unknown command '${command}'`);
}

function usage(reason) {
  process.stderr.write(`${USAGE}\nERROR UsageError: ${reason}\n`);
  return 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`ERROR ${e.constructor?.name || 'Error'}: ${e.message}\n`);
  process.exitCode = 1;
}
