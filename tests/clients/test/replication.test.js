'use strict';
// PouchDB (memory adapter) <-> CouchJs replication: push 1,000 docs with attachments, conflicts and
// deletions, pull them into a second PouchDB, compare everything; then an incremental round that
// must resume from the _local checkpoints.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));
const generateReplicationId = require('pouchdb-generate-replication-id');
const { startServer } = require('../server');
const { request, dbName } = require('../http');

const DOCS = 1000;
const ATTACHMENT_DOCS = [0, 100];   // ids 0..99 carry attachments
const CONFLICT_DOCS = [100, 150];   // 50 docs with diverging branches
const DELETED_DOCS = [150, 200];    // 50 deleted docs
// CouchDB gzips these types on disk and then reports the digest of the gzipped bytes, so their
// digests are not the md5 of the data; compare their bytes instead.
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml))/;

let server;
let remoteName;
let remote;
let local;
let local2;
const tag = crypto.randomBytes(4).toString('hex');

const id = (i) => `doc-${String(i).padStart(4, '0')}`;
const revHash = (label, i) => crypto.createHash('md5').update(`${label}/${i}`).digest('hex');
const md5Digest = (buf) => 'md5-' + crypto.createHash('md5').update(buf).digest('base64');
const inRange = (i, [lo, hi]) => i >= lo && i < hi;

// Deterministic bytes, so a failure reproduces.
function bytes(seed, n) {
  let x = (seed * 2654435761) >>> 0 || 1;
  const out = Buffer.alloc(n);
  for (let k = 0; k < n; k++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[k] = x & 0xff;
  }
  return out;
}

function attachmentsFor(i) {
  const atts = {};
  if (i % 3 === 0) {
    const line = `line ${i}: the quick brown fox jumps over the lazy dog \u00e9\u00e8\u2603\n`;
    const text = line.repeat(i % 30 === 0 ? 1400 : 5 + i); // i % 30 === 0: ~90 KB
    atts['readme.txt'] = { content_type: 'text/plain', data: Buffer.from(text, 'utf8') };
  } else if (i % 3 === 1) {
    atts['blob.bin'] = { content_type: 'application/octet-stream', data: bytes(i, 500 + 37 * i) };
  } else {
    const size = i % 10 === 2 ? 70_000 + 100 * i : 2_000 + i; // i % 10 === 2: > 64 KB
    atts['photo.png'] = { content_type: 'image/png', data: bytes(i + 7, size) };
  }
  if (i % 4 === 0) {
    atts['meta.json'] = { content_type: 'application/json', data: Buffer.from(JSON.stringify({ i, tags: ['x', 'y'] })) };
  }
  return atts;
}

const asInline = (atts) => Object.fromEntries(Object.entries(atts).map(([name, a]) =>
  [name, { content_type: a.content_type, data: a.data.toString('base64') }]));

function plainDoc(i) {
  return {
    _id: id(i),
    n: i,
    name: `name ${i} na\u00efve \u2603 \ud83d\ude00`,
    even: i % 2 === 0,
    ratio: i / 7,
    nothing: null,
    nested: { a: [1, 'two', { three: 3 }], depth: { more: { i } } },
  };
}

// Leaves of a conflicted doc: 1-a -> 2-b and 1-a -> 2-c; every 5th also 1-a -> 2-y -> 3-x deleted;
// every 7th carries an attachment on branch c.
function conflictBranches(i) {
  const [a, b, c, y, x] = ['a', 'b', 'c', 'y', 'x'].map((l) => revHash(l, i));
  const docs = [
    { _id: id(i), _rev: `2-${b}`, _revisions: { start: 2, ids: [b, a] }, n: i, branch: 'b' },
    { _id: id(i), _rev: `2-${c}`, _revisions: { start: 2, ids: [c, a] }, n: i, branch: 'c' },
  ];
  if (i % 7 === 0) docs[1]._attachments = asInline({ 'branch.bin': { content_type: 'application/octet-stream', data: bytes(1000 + i, 3000) } });
  if (i % 5 === 0) docs.push({ _id: id(i), _rev: `3-${x}`, _revisions: { start: 3, ids: [x, y, a] }, _deleted: true, n: i, branch: 'x' });
  return docs;
}

async function fill(db) {
  const plain = [];
  for (let i = 0; i < DOCS; i++) {
    if (inRange(i, CONFLICT_DOCS)) continue;
    const doc = plainDoc(i);
    if (inRange(i, ATTACHMENT_DOCS)) doc._attachments = asInline(attachmentsFor(i));
    plain.push(doc);
  }
  const written = await db.bulkDocs(plain);
  assert.ok(written.every((r) => r.ok), 'local bulkDocs');

  const branches = [];
  for (let i = CONFLICT_DOCS[0]; i < CONFLICT_DOCS[1]; i++) branches.push(...conflictBranches(i));
  await db.bulkDocs(branches, { new_edits: false });

  // Deletions: most through remove(), every 10th keeps a body on its tombstone.
  for (let i = DELETED_DOCS[0]; i < DELETED_DOCS[1]; i++) {
    const doc = await db.get(id(i));
    if (i % 10 === 0) await db.put({ _id: doc._id, _rev: doc._rev, _deleted: true, reason: 'archived', n: i });
    else await db.remove(doc);
  }
  // A few docs with a longer history.
  for (let i = 200; i < DOCS; i += 50) {
    let doc = await db.get(id(i));
    for (let k = 0; k < 3; k++) {
      const res = await db.put({ ...doc, edit: k });
      doc = { ...doc, _rev: res.rev, edit: k };
    }
  }
}

function normalizeLeaf(doc) {
  const out = { ...doc };
  if (out._attachments) {
    out._attachments = Object.fromEntries(Object.entries(out._attachments).sort().map(([name, a]) => {
      const att = { content_type: a.content_type, data: a.data };
      if (!COMPRESSIBLE.test(a.content_type)) att.digest = a.digest;
      return [name, att];
    }));
  }
  return out;
}

// Everything a PouchDB knows about its documents, in a comparable form.
async function snapshot(db) {
  const changes = await db.changes({ since: 0, style: 'all_docs' });
  const byId = new Map(changes.results.map((r) => [r.id, r]));
  const ids = [...byId.keys()].sort();
  const all = await db.allDocs();
  const docs = {};
  for (const docId of ids) {
    const leaves = await db.get(docId, { revs: true, open_revs: 'all', attachments: true });
    assert.ok(leaves.every((l) => l.ok), `open_revs of ${docId}`);
    let winner;
    try {
      const w = await db.get(docId, { conflicts: true });
      winner = { rev: w._rev, conflicts: (w._conflicts || []).slice().sort() };
    } catch (err) {
      assert.equal(err.status, 404);
      winner = { deleted: err.reason || err.message };
    }
    const change = byId.get(docId);
    docs[docId] = {
      leaves: leaves.map((l) => normalizeLeaf(l.ok)).sort((p, q) => (p._rev < q._rev ? -1 : 1)),
      winner,
      changeRevs: change.changes.map((c) => c.rev).sort(),
      deleted: change.deleted === true,
    };
  }
  return { ids, live: all.rows.map((r) => [r.id, r.value.rev]), docs };
}

// Every leaf revision, deleted ones included: what a replication into an empty target must copy.
async function leafCount(db) {
  const changes = await db.changes({ since: 0, style: 'all_docs' });
  return changes.results.reduce((n, r) => n + r.changes.length, 0);
}

function assertCompleted(result, label) {
  assert.equal(result.ok, true, `${label}: ok`);
  assert.equal(result.status, 'complete', `${label}: status`);
  assert.equal(result.doc_write_failures, 0, `${label}: doc_write_failures`);
  assert.deepEqual(result.errors, [], `${label}: errors`);
}

before(async () => {
  server = await startServer();
  remoteName = dbName('replication');
  const created = await request(server, 'PUT', `/${remoteName}`);
  assert.equal(created.status, 201);
  assert.deepEqual(created.body, { ok: true });
  remote = new PouchDB(`${server.baseUrl}/${remoteName}`, {
    skip_setup: true,
    auth: { username: server.username, password: server.password },
  });
  local = new PouchDB(`local-${tag}`, { adapter: 'memory' });
  local2 = new PouchDB(`local2-${tag}`, { adapter: 'memory' });
  await fill(local);
});

after(async () => {
  if (server) {
    await request(server, 'DELETE', `/${remoteName}`).catch(() => {});
    await server.stop();
  }
});

test('push to CouchJs writes every leaf revision', { timeout: 60_000 }, async () => {
  const leaves = await leafCount(local);
  // 1000 docs, 50 of them with a second live branch and 10 with a third, deleted one.
  assert.equal(leaves, DOCS + 50 + 10);
  const result = await PouchDB.replicate(local, remote);
  assertCompleted(result, 'push');
  assert.equal(result.docs_read, leaves);
  assert.equal(result.docs_written, leaves);
});

test('CouchJs holds what was pushed', { timeout: 60_000 }, async () => {
  const info = await request(server, 'GET', `/${remoteName}`);
  assert.equal(info.status, 200);
  assert.equal(info.body.db_name, remoteName);
  assert.equal(info.body.doc_count, DOCS - 50);
  assert.equal(info.body.doc_del_count, 50);

  const localAll = await local.allDocs();
  const all = await request(server, 'GET', `/${remoteName}/_all_docs`);
  assert.equal(all.status, 200);
  assert.equal(all.body.total_rows, DOCS - 50);
  assert.deepEqual(all.body.rows.map((r) => [r.id, r.value.rev]), localAll.rows.map((r) => [r.id, r.value.rev]));

  // The changes feed lists each doc once, tombstones included, all leaves with style=all_docs.
  const changes = await request(server, 'GET', `/${remoteName}/_changes?style=all_docs`);
  assert.equal(changes.status, 200);
  assert.equal(changes.body.results.length, DOCS);
  assert.equal(changes.body.pending, 0);
  const deleted = changes.body.results.filter((r) => r.deleted === true).map((r) => r.id).sort();
  const expectDeleted = [];
  for (let i = DELETED_DOCS[0]; i < DELETED_DOCS[1]; i++) expectDeleted.push(id(i));
  assert.deepEqual(deleted, expectDeleted);
  const localChanges = await local.changes({ since: 0, style: 'all_docs' });
  const localRevs = new Map(localChanges.results.map((r) => [r.id, r.changes.map((c) => c.rev).sort()]));
  for (const r of changes.body.results) {
    assert.deepEqual(r.changes.map((c) => c.rev).sort(), localRevs.get(r.id), `leaves of ${r.id}`);
  }

  // Conflicts: the same winner and the same losing leaves as PouchDB chose.
  for (let i = CONFLICT_DOCS[0]; i < CONFLICT_DOCS[1]; i++) {
    const mine = await local.get(id(i), { conflicts: true });
    const theirs = await request(server, 'GET', `/${remoteName}/${id(i)}?conflicts=true`);
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body._rev, mine._rev, `winner of ${id(i)}`);
    assert.deepEqual(theirs.body._conflicts.slice().sort(), mine._conflicts.slice().sort(), `_conflicts of ${id(i)}`);
  }

  // Attachments: stubs with CouchDB's digest and the identity length, bytes served unchanged.
  for (let i = ATTACHMENT_DOCS[0]; i < ATTACHMENT_DOCS[1]; i++) {
    const expected = attachmentsFor(i);
    const doc = await request(server, 'GET', `/${remoteName}/${id(i)}`);
    assert.equal(doc.status, 200);
    assert.deepEqual(Object.keys(doc.body._attachments).sort(), Object.keys(expected).sort());
    for (const [name, att] of Object.entries(expected)) {
      const stub = doc.body._attachments[name];
      assert.equal(stub.stub, true);
      assert.equal(stub.content_type, att.content_type);
      assert.equal(stub.length, att.data.length, `length of ${id(i)}/${name}`);
      assert.equal(stub.revpos, 1);
      if (COMPRESSIBLE.test(att.content_type)) assert.match(stub.digest, /^md5-[A-Za-z0-9+/]{22}==$/);
      else assert.equal(stub.digest, md5Digest(att.data), `digest of ${id(i)}/${name}`);
      const res = await fetch(`${server.baseUrl}/${remoteName}/${id(i)}/${name}`, { headers: { Authorization: server.authHeader } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), att.content_type);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(att.data), `bytes of ${id(i)}/${name}`);
    }
  }
});

test('pull from CouchJs reproduces the source exactly', { timeout: 60_000 }, async () => {
  const leaves = await leafCount(local);
  const result = await PouchDB.replicate(remote, local2);
  assertCompleted(result, 'pull');
  assert.equal(result.docs_read, leaves);
  assert.equal(result.docs_written, leaves);
  assert.deepEqual(await snapshot(local2), await snapshot(local));
});

test('incremental replication resumes from the _local checkpoints', { timeout: 60_000 }, async () => {
  // The first push left a checkpoint on CouchJs: a _local doc with a "0-N" revision.
  const repId = await generateReplicationId(local, remote, {});
  const checkpoint = await request(server, 'GET', `/${remoteName}/${repId}`);
  assert.equal(checkpoint.status, 200);
  assert.equal(checkpoint.body._id, repId);
  assert.match(checkpoint.body._rev, /^0-\d+$/);
  assert.ok(Array.isArray(checkpoint.body.history) && checkpoint.body.history.length >= 1);
  // _local docs stay out of _all_docs and _changes.
  const all = await request(server, 'GET', `/${remoteName}/_all_docs?startkey=%22_%22&endkey=%22_%EF%BF%B0%22`);
  assert.deepEqual(all.body.rows, []);
  const feed = await request(server, 'GET', `/${remoteName}/_changes?filter=_doc_ids&doc_ids=${encodeURIComponent(JSON.stringify([repId]))}`);
  assert.deepEqual(feed.body.results, []);

  // 20 updates, 5 deletions, 5 new docs.
  const edited = [];
  for (let i = 200; i < 220; i++) {
    const doc = await local.get(id(i));
    await local.put({ ...doc, updated: true });
    edited.push(id(i));
  }
  for (let i = 220; i < 225; i++) {
    await local.remove(await local.get(id(i)));
    edited.push(id(i));
  }
  for (let i = DOCS; i < DOCS + 5; i++) {
    await local.put(plainDoc(i));
    edited.push(id(i));
  }

  const push = await PouchDB.replicate(local, remote);
  assertCompleted(push, 'second push');
  assert.equal(push.docs_read, edited.length);
  assert.equal(push.docs_written, edited.length);

  const pull = await PouchDB.replicate(remote, local2);
  assertCompleted(pull, 'second pull');
  assert.equal(pull.docs_read, edited.length);
  assert.equal(pull.docs_written, edited.length);

  // A third round has nothing to do.
  const idle = await PouchDB.replicate(local, remote);
  assertCompleted(idle, 'idle push');
  assert.equal(idle.docs_read, 0);
  assert.equal(idle.docs_written, 0);

  const info = await request(server, 'GET', `/${remoteName}`);
  assert.equal(info.body.doc_count, DOCS - 50 - 5 + 5);
  assert.equal(info.body.doc_del_count, 50 + 5);
  assert.deepEqual(await snapshot(local2), await snapshot(local));
});
