'use strict';
// Shared by the tests in ../test (kept outside test/ because `node --test test/` would run every
// .js file there as a test file). Real processes and real HTTP on 127.0.0.1 only; whatever a test
// starts it stops: the server by close(), each child process by its pid.
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const SHIM = path.join(PACKAGE_DIR, 'tuf-js-client');
const INTEROP = path.join(PACKAGE_DIR, 'models-interop.js');

function tempDir(t, prefix = 'mallory-tufjs-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Run a command asynchronously (the HTTP server lives in this process, so a blocking spawnSync
// would deadlock it); kill it by pid if it outlives `timeoutMs`.
function run(command, args, { env = {}, timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const childEnv = { ...process.env };
    delete childEnv.FAKETIME; // a FAKETIME in the developer's shell must not leak into the tests
    Object.assign(childEnv, env);
    const child = spawn(command, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => process.kill(child.pid, 'SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lastErrorLine = stderr.trim().split('\n').filter((l) => l.startsWith('ERROR ')).pop();
      resolve({ code, signal, stdout, stderr, errorLine: lastErrorLine });
    });
  });
}

const shim = (args, options) => run(SHIM, args, options);

async function generateRepo(t, ...options) {
  const dir = path.join(tempDir(t), 'repo');
  const result = await run(process.execPath, [INTEROP, 'generate', ...options, dir]);
  if (result.code !== 0) throw new Error(`generate failed: ${result.stderr}`);
  return { dir, ...JSON.parse(result.stdout) };
}

// A static file server for `root`, standing in for the repository. `overrides` maps a URL path to
// the bytes to serve instead (a man-in-the-middle in miniature); `requests` logs "STATUS path".
async function serve(t, root) {
  const overrides = new Map();
  const requests = [];
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.resolve(base, `.${urlPath}`);
    let body = overrides.get(urlPath);
    if (!body && file.startsWith(base + path.sep) && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      body = fs.readFileSync(file);
    }
    requests.push(`${body ? 200 : 404} ${urlPath}`);
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' });
    res.end(body || 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, overrides, requests };
}

// Regular files under `dir`, relative, sorted (what a conformance harness counts as downloads).
function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

module.exports = { PACKAGE_DIR, SHIM, INTEROP, tempDir, run, shim, generateRepo, serve, filesUnder };
