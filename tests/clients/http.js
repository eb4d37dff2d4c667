'use strict';
// Plain-HTTP helpers over fetch(): JSON requests and streamed reads of the long-lived _changes feeds.

const crypto = require('node:crypto');

// One JSON request. Resolves to { status, headers, body, text }; body is the parsed JSON or null.
async function request(server, method, path, { body, headers = {}, timeoutMs = 30_000 } = {}) {
  const init = {
    method,
    headers: { Accept: 'application/json', Authorization: server.authHeader, ...headers },
    signal: AbortSignal.timeout(timeoutMs),
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = init.headers['Content-Type'] || 'application/json';
    init.body = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  }
  const res = await fetch(server.baseUrl + path, init);
  const text = await res.text();
  let parsed = null;
  try { parsed = text.length ? JSON.parse(text) : null; } catch { parsed = null; }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

// Opens a streaming GET/POST and lets the caller read the body as it arrives.
// Returns { status, headers, readUntil(pred, ms), text(), ended, abort() }: readUntil resolves once
// pred(textSoFar) is true, or rejects after ms (or when the body ended first).
async function openStream(server, method, path, { body, headers = {} } = {}) {
  const controller = new AbortController();
  const init = {
    method,
    headers: { Accept: 'application/json', Authorization: server.authHeader, ...headers },
    signal: controller.signal,
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(server.baseUrl + path, init);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const chunks = []; // [{ at: ms since open, text }]
  const t0 = Date.now();
  let all = '';
  let ended = false;
  let waiters = [];
  const wake = () => { const w = waiters; waiters = []; w.forEach((fn) => fn()); };
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        chunks.push({ at: Date.now() - t0, text });
        all += text;
        wake();
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    wake();
  })();

  const stream = {
    status: res.status,
    headers: res.headers,
    chunks,
    text: () => all,
    get ended() { return ended; },
    readUntil(pred, ms) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`stream condition not met within ${ms} ms; received: ${JSON.stringify(all)}`));
        }, ms);
        const check = () => {
          if (pred(all)) { clearTimeout(timer); resolve(all); return; }
          if (ended) {
            clearTimeout(timer);
            reject(new Error(`stream ended before the condition was met; received: ${JSON.stringify(all)}`));
            return;
          }
          waiters.push(check);
        };
        check();
      });
    },
    // Resolves with the whole body once the server closes the response.
    readToEnd(ms) { return stream.readUntil(() => ended, ms); },
    abort() { controller.abort(); },
  };
  return stream;
}

// A fresh database name: lowercase, starts with a letter, unique per run.
function dbName(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}`;
}

// CouchDB's "N-opaque" sequence: the numeric prefix (the database's update count on one shard).
function seqNum(seq) {
  const m = /^(\d+)-/.exec(String(seq));
  if (!m) throw new Error(`not a CouchDB 3 sequence: ${JSON.stringify(seq)}`);
  return Number(m[1]);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { request, openStream, dbName, seqNum, sleep };
