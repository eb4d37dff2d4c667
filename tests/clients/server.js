'use strict';
// The server under test. With COUCHJS_URL set (e.g. http://admin:secret@127.0.0.1:5984) the tests
// talk to that server; otherwise startServer() launches the Release build of CouchJs.Server on a
// free port with a fresh data directory, waits for GET /_up to answer 200 and stop() kills it.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const SERVER_DLL = path.join(REPO, 'src', 'CouchJs.Server', 'bin', 'Release', 'net10.0', 'CouchJs.Server.dll');
const UP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const LOG_TAIL_BYTES = 8_192;

// What a test needs to reach the server: `url` keeps the credentials (nano, PouchDB accept them),
// `baseUrl` has none (fetch() refuses URLs with credentials) and `authHeader` carries them instead.
function describe(urlString) {
  const url = new URL(urlString);
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const baseUrl = url.toString().replace(/\/+$/, '');
  const withAuth = new URL(baseUrl);
  withAuth.username = encodeURIComponent(username);
  withAuth.password = encodeURIComponent(password);
  return {
    url: withAuth.toString().replace(/\/+$/, ''),
    baseUrl,
    username,
    password,
    authHeader: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64'),
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function isUp(baseUrl, authHeader) {
  try {
    const res = await fetch(`${baseUrl}/_up`, {
      headers: { Authorization: authHeader },
      signal: AbortSignal.timeout(2_000),
    });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

// Starts (or attaches to) the server. Resolves to describe(url) plus stop().
async function startServer() {
  if (process.env.COUCHJS_URL) {
    const info = describe(process.env.COUCHJS_URL);
    if (!(await isUp(info.baseUrl, info.authHeader))) {
      throw new Error(`COUCHJS_URL is set but ${info.baseUrl}/_up does not answer 200`);
    }
    return { ...info, stop: async () => {} };
  }

  if (!fs.existsSync(SERVER_DLL)) {
    throw new Error(`${SERVER_DLL} does not exist: build it first ` +
      `(dotnet build -c Release src/CouchJs.Server) or set COUCHJS_URL`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'couchjs-clients-'));
  const password = crypto.randomBytes(12).toString('hex');
  const info = describe(`http://admin:${password}@127.0.0.1:${port}`);

  let log = '';
  const child = spawn('dotnet', [SERVER_DLL, '--port', String(port), '--data-dir', dataDir], {
    env: { ...process.env, COUCHDB_USER: 'admin', COUCHDB_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => { log = (log + chunk.toString()).slice(-LOG_TAIL_BYTES); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exit = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => { exit = { code, signal }; resolve(); });
    child.on('error', (err) => { exit = { code: null, signal: null, err }; resolve(); });
  });
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  // A test process that dies without after() must not leave the server (or its files) behind.
  const killOnExit = () => {
    if (exit === null) child.kill('SIGKILL');
    try { removeDataDir(); } catch { /* the server may still hold files open */ }
  };
  process.on('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exit === null) {
      child.kill('SIGTERM');
      const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
      if (!graceful) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    removeDataDir();
  };

  const deadline = Date.now() + UP_TIMEOUT_MS;
  while (!(await isUp(info.baseUrl, info.authHeader))) {
    if (exit !== null) {
      removeDataDir();
      process.removeListener('exit', killOnExit);
      const how = exit.err ? exit.err.message : `code ${exit.code}, signal ${exit.signal}`;
      throw new Error(`CouchJs server exited before it came up (${how}); output:\n${log}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`CouchJs server did not come up: GET ${info.baseUrl}/_up not 200 ` +
        `within ${UP_TIMEOUT_MS / 1000} s; output:\n${log}`);
    }
    await sleep(200);
  }
  return { ...info, pid: child.pid, dataDir, stop };
}

module.exports = { startServer, describe, SERVER_DLL };
