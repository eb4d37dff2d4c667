'use strict';
// nano, the official CouchDB Node.js client, against CouchJs: each call checks the status code and
// body CouchDB 3.4 answers with.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const Nano = require('nano');
const { startServer } = require('../server');
const { dbName, seqNum, sleep } = require('../http');

const REV1 = /^1-[0-9a-f]{32}$/;
const REV2 = /^2-[0-9a-f]{32}$/;
const REV3 = /^3-[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{32}$/;
const BULK = 500;

let server;
let nano;
let lastStatus = null; // status of the last successful response, captured from nano's log hook
const crud = dbName('nano-crud');
const bulk = dbName('nano-bulk');

const md5Digest = (buf) => 'md5-' + crypto.createHash('md5').update(buf).digest('base64');
const bulkId = (i) => `bulk-${String(i).padStart(3, '0')}`;
const bulkDoc = (i) => ({ _id: bulkId(i), i, even: i % 2 === 0, label: `item ${i}` });

// Resolves to { status, body } for a call that must succeed.
async function ok(promise) {
  lastStatus = null;
  const body = await promise;
  return { status: lastStatus, body };
}

// nano drops the Accept header when it sends a body with its own content type (attachment PUTs),
// and CouchDB then answers JSON as text/plain, which nano hands back as a string.
async function okJson(promise) {
  const res = await ok(promise);
  return { status: res.status, body: typeof res.body === 'string' ? JSON.parse(res.body) : res.body };
}

// Resolves to nano's error for a call that must fail.
async function fails(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

function assertError(err, statusCode, error, reason) {
  assert.equal(err.statusCode, statusCode, `status (${err.error}: ${err.reason})`);
  assert.equal(err.error, error);
  assert.equal(err.reason, reason);
}

before(async () => {
  server = await startServer();
  nano = Nano({
    url: server.url,
    log: (entry) => {
      if (entry && entry.headers && typeof entry.headers.statusCode === 'number') lastStatus = entry.headers.statusCode;
    },
  });
});

after(async () => {
  if (!server) return;
  for (const name of [crud, bulk]) await nano.db.destroy(name).catch(() => {});
  await server.stop();
});

test('server root and _uuids', async () => {
  const root = await ok(nano.info());
  assert.equal(root.status, 200);
  assert.equal(root.body.couchdb, 'Welcome');
  assert.match(root.body.version, /^3\.\d+\.\d+/);
  assert.equal(typeof root.body.git_sha, 'string');
  assert.match(root.body.uuid, UUID);
  assert.ok(Array.isArray(root.body.features));
  assert.ok(root.body.features.every((f) => typeof f === 'string'));
  assert.equal(typeof root.body.vendor, 'object');
  assert.equal(typeof root.body.vendor.name, 'string');

  const one = await ok(nano.uuids(1));
  assert.equal(one.status, 200);
  assert.deepEqual(Object.keys(one.body), ['uuids']);
  assert.equal(one.body.uuids.length, 1);
  assert.match(one.body.uuids[0], UUID);
  const many = await ok(nano.uuids(10));
  assert.equal(many.body.uuids.length, 10);
  many.body.uuids.forEach((u) => assert.match(u, UUID));
  assert.equal(new Set(many.body.uuids).size, 10);
});

test('database create, create twice, info, _all_dbs', async () => {
  const created = await ok(nano.db.create(crud));
  assert.equal(created.status, 201);
  assert.deepEqual(created.body, { ok: true });

  const again = await fails(nano.db.create(crud));
  assertError(again, 412, 'file_exists', 'The database could not be created, the file already exists.');

  const info = await ok(nano.db.get(crud));
  assert.equal(info.status, 200);
  const b = info.body;
  assert.equal(b.db_name, crud);
  assert.equal(b.doc_count, 0);
  assert.equal(b.doc_del_count, 0);
  assert.equal(typeof b.update_seq, 'string');
  assert.equal(seqNum(b.update_seq), 0);
  assert.equal(typeof b.purge_seq, 'string');
  assert.equal(seqNum(b.purge_seq), 0);
  assert.equal(b.compact_running, false);
  // CouchDB 3.4.3 reports the creation time in microseconds (as a string), not "0".
  assert.match(b.instance_start_time, /^[1-9][0-9]{15}$/);
  assert.ok(Number.isInteger(b.disk_format_version));
  assert.deepEqual(b.props, {});
  assert.deepEqual(Object.keys(b.sizes).sort(), ['active', 'external', 'file']);
  for (const k of ['active', 'external', 'file']) assert.ok(Number.isInteger(b.sizes[k]) && b.sizes[k] >= 0, `sizes.${k}`);
  assert.ok(b.sizes.file > 0, 'sizes.file');
  assert.deepEqual(Object.keys(b.cluster).sort(), ['n', 'q', 'r', 'w']);
  for (const k of ['q', 'n', 'w', 'r']) assert.ok(Number.isInteger(b.cluster[k]) && b.cluster[k] >= 1, `cluster.${k}`);
  // fabric_db_info reports CouchDB's default quorum for both: n div 2 + 1.
  assert.equal(b.cluster.w, Math.floor(b.cluster.n / 2) + 1);
  assert.equal(b.cluster.r, Math.floor(b.cluster.n / 2) + 1);

  const dbs = await ok(nano.db.list());
  assert.equal(dbs.status, 200);
  assert.ok(dbs.body.includes(crud));
  assert.deepEqual(dbs.body, dbs.body.slice().sort());

  const missing = await fails(nano.db.get(dbName('nano-missing')));
  assertError(missing, 404, 'not_found', 'Database does not exist.');
});

test('document insert, get, update, conflict, destroy', async () => {
  const db = nano.use(crud);
  const body = { name: 'Alice', age: 30, tags: ['a', 'b'], nested: { x: 1, y: [true, null, 2.5] }, text: 'h\u00e9llo \u2603' };

  const put = await ok(db.insert({ ...body }, 'alice'));
  assert.equal(put.status, 201);
  assert.deepEqual(Object.keys(put.body).sort(), ['id', 'ok', 'rev']);
  assert.equal(put.body.ok, true);
  assert.equal(put.body.id, 'alice');
  assert.match(put.body.rev, REV1);
  const rev1 = put.body.rev;

  const posted = await ok(db.insert({ kind: 'generated id' }));
  assert.equal(posted.status, 201);
  assert.equal(posted.body.ok, true);
  assert.match(posted.body.id, UUID);
  assert.match(posted.body.rev, REV1);

  const got = await ok(db.get('alice'));
  assert.equal(got.status, 200);
  assert.deepEqual(got.body, { _id: 'alice', _rev: rev1, ...body });

  const updated = await ok(db.insert({ _id: 'alice', _rev: rev1, ...body, age: 31 }));
  assert.equal(updated.status, 201);
  assert.equal(updated.body.id, 'alice');
  assert.match(updated.body.rev, REV2);
  const rev2 = updated.body.rev;
  assert.deepEqual((await db.get('alice')).age, 31);

  const stale = await fails(db.insert({ _id: 'alice', _rev: rev1, ...body, age: 99 }));
  assertError(stale, 409, 'conflict', 'Document update conflict.');
  const noRev = await fails(db.insert({ ...body }, 'alice'));
  assertError(noRev, 409, 'conflict', 'Document update conflict.');

  // Old revisions stay readable until compaction; revs=true gives the history.
  const old = await ok(db.get('alice', { rev: rev1 }));
  assert.deepEqual(old.body, { _id: 'alice', _rev: rev1, ...body });
  const withRevs = await db.get('alice', { revs: true });
  assert.deepEqual(withRevs._revisions, { start: 2, ids: [rev2.slice(2), rev1.slice(2)] });

  const missing = await fails(db.get('nobody'));
  assertError(missing, 404, 'not_found', 'missing');

  const staleDelete = await fails(db.destroy('alice', rev1));
  assertError(staleDelete, 409, 'conflict', 'Document update conflict.');
  const destroyed = await ok(db.destroy('alice', rev2));
  assert.equal(destroyed.status, 200);
  assert.deepEqual(Object.keys(destroyed.body).sort(), ['id', 'ok', 'rev']);
  assert.equal(destroyed.body.ok, true);
  assert.equal(destroyed.body.id, 'alice');
  assert.match(destroyed.body.rev, REV3);

  const gone = await fails(db.get('alice'));
  assertError(gone, 404, 'not_found', 'deleted');
  const tombstone = await db.get('alice', { rev: destroyed.body.rev });
  assert.deepEqual(tombstone, { _id: 'alice', _rev: destroyed.body.rev, _deleted: true });

  const info = await db.info();
  assert.equal(info.doc_count, 1);
  assert.equal(info.doc_del_count, 1);
  assert.equal(seqNum(info.update_seq), 4); // alice x3, the generated-id doc
});

test('attachments: insert, get, stubs, inline data, delete', async () => {
  const db = nano.use(crud);
  const png = crypto.randomBytes(3000);
  const text = 'attachment text \u00e9\n'.repeat(50);

  const first = await okJson(db.attachment.insert('pics', 'pixel.png', png, 'image/png'));
  assert.equal(first.status, 201);
  assert.deepEqual(Object.keys(first.body).sort(), ['id', 'ok', 'rev']);
  assert.equal(first.body.id, 'pics');
  assert.match(first.body.rev, REV1);

  const bytes = await ok(db.attachment.get('pics', 'pixel.png'));
  assert.equal(bytes.status, 200);
  assert.ok(Buffer.isBuffer(bytes.body) && bytes.body.equals(png));

  const second = await okJson(db.attachment.insert('pics', 'notes.txt', Buffer.from(text), 'text/plain', { rev: first.body.rev }));
  assert.equal(second.status, 201);
  assert.match(second.body.rev, REV2);
  assert.equal(await db.attachment.get('pics', 'notes.txt'), text);

  const doc = await db.get('pics');
  assert.deepEqual(doc._attachments['pixel.png'], {
    content_type: 'image/png', revpos: 1, digest: md5Digest(png), length: png.length, stub: true,
  });
  const notes = doc._attachments['notes.txt'];
  assert.deepEqual(Object.keys(notes).sort(), ['content_type', 'digest', 'length', 'revpos', 'stub']);
  assert.equal(notes.content_type, 'text/plain');
  assert.equal(notes.revpos, 2);
  assert.equal(notes.length, Buffer.byteLength(text));
  assert.match(notes.digest, /^md5-[A-Za-z0-9+/]{22}==$/);
  assert.equal(notes.stub, true);

  const inline = await db.get('pics', { attachments: true });
  assert.deepEqual(inline._attachments['pixel.png'], {
    content_type: 'image/png', revpos: 1, digest: md5Digest(png), data: png.toString('base64'),
  });
  assert.equal(Buffer.from(inline._attachments['notes.txt'].data, 'base64').toString(), text);

  const removed = await ok(db.attachment.destroy('pics', 'pixel.png', { rev: second.body.rev }));
  assert.equal(removed.status, 200);
  assert.equal(removed.body.ok, true);
  assert.match(removed.body.rev, REV3);
  const noAtt = await fails(db.attachment.get('pics', 'pixel.png'));
  assertError(noAtt, 404, 'not_found', 'Document is missing attachment');
  assert.deepEqual(Object.keys((await db.get('pics'))._attachments), ['notes.txt']);
});

test('bulk insert of 500 docs, list, fetch by keys', async () => {
  assert.equal((await ok(nano.db.create(bulk))).status, 201);
  const db = nano.use(bulk);
  const docs = [];
  for (let i = 0; i < BULK; i++) docs.push(bulkDoc(i));

  const res = await ok(db.bulk({ docs }));
  assert.equal(res.status, 201);
  assert.equal(res.body.length, BULK);
  res.body.forEach((r, i) => {
    assert.deepEqual(Object.keys(r).sort(), ['id', 'ok', 'rev']);
    assert.equal(r.ok, true);
    assert.equal(r.id, bulkId(i));
    assert.match(r.rev, REV1);
  });
  const revs = new Map(res.body.map((r) => [r.id, r.rev]));

  const list = await ok(db.list({ include_docs: true }));
  assert.equal(list.status, 200);
  assert.equal(list.body.total_rows, BULK);
  assert.equal(list.body.offset, 0);
  assert.equal(list.body.rows.length, BULK);
  list.body.rows.forEach((row, i) => {
    const id = bulkId(i);
    assert.deepEqual(row, { id, key: id, value: { rev: revs.get(id) }, doc: { ...bulkDoc(i), _rev: revs.get(id) } });
  });

  const page = await db.list({ limit: 10, skip: 5 });
  assert.equal(page.total_rows, BULK);
  assert.equal(page.offset, 5);
  assert.deepEqual(page.rows.map((r) => r.id), Array.from({ length: 10 }, (_, k) => bulkId(5 + k)));
  const range = await db.list({ startkey: 'bulk-100', endkey: 'bulk-109' });
  assert.deepEqual(range.rows.map((r) => r.id), Array.from({ length: 10 }, (_, k) => bulkId(100 + k)));
  const exclusive = await db.list({ startkey: 'bulk-100', endkey: 'bulk-109', inclusive_end: false });
  assert.equal(exclusive.rows.length, 9);
  const desc = await db.list({ descending: true, limit: 3 });
  assert.deepEqual(desc.rows.map((r) => r.id), ['bulk-499', 'bulk-498', 'bulk-497']);
  assert.equal(desc.offset, 0);

  const deleted = await ok(db.destroy(bulkId(3), revs.get(bulkId(3))));
  assert.equal(deleted.status, 200);
  const afterDelete = await db.list();
  assert.equal(afterDelete.total_rows, BULK - 1);
  assert.ok(!afterDelete.rows.some((r) => r.id === bulkId(3)));

  const fetched = await ok(db.fetch({ keys: [bulkId(1), 'no-such-doc', bulkId(2), bulkId(3)] }));
  assert.equal(fetched.status, 200);
  assert.equal(fetched.body.total_rows, BULK - 1);
  assert.deepEqual(fetched.body.rows, [
    { id: bulkId(1), key: bulkId(1), value: { rev: revs.get(bulkId(1)) }, doc: { ...bulkDoc(1), _rev: revs.get(bulkId(1)) } },
    { key: 'no-such-doc', error: 'not_found' },
    { id: bulkId(2), key: bulkId(2), value: { rev: revs.get(bulkId(2)) }, doc: { ...bulkDoc(2), _rev: revs.get(bulkId(2)) } },
    { id: bulkId(3), key: bulkId(3), value: { rev: deleted.body.rev, deleted: true }, doc: null },
  ]);

  const info = await db.info();
  assert.equal(info.doc_count, BULK - 1);
  assert.equal(info.doc_del_count, 1);
  assert.equal(seqNum(info.update_seq), BULK + 1);
});

test('changes: since, limit, pending, include_docs', async () => {
  const db = nano.use(bulk);
  // bulk-003 was deleted last: its one entry moved to the end of the feed.
  const order = [];
  for (let i = 0; i < BULK; i++) if (i !== 3) order.push(bulkId(i));
  order.push(bulkId(3));

  const first = await ok(db.changes({ since: 0, limit: 10 }));
  assert.equal(first.status, 200);
  assert.deepEqual(Object.keys(first.body).sort(), ['last_seq', 'pending', 'results']);
  assert.deepEqual(first.body.results.map((r) => r.id), order.slice(0, 10));
  for (const r of first.body.results) {
    assert.deepEqual(Object.keys(r).sort(), ['changes', 'id', 'seq']);
    assert.equal(typeof r.seq, 'string');
    assert.equal(r.changes.length, 1);
    assert.match(r.changes[0].rev, REV1);
  }
  const nums = first.body.results.map((r) => seqNum(r.seq));
  assert.deepEqual(nums, nums.slice().sort((a, b) => a - b));
  assert.equal(new Set(nums).size, nums.length);
  assert.equal(first.body.pending, BULK - 10);
  assert.equal(typeof first.body.last_seq, 'string');
  assert.equal(seqNum(first.body.last_seq), seqNum(first.body.results[9].seq));

  const next = await db.changes({ since: first.body.last_seq, limit: 10 });
  assert.deepEqual(next.results.map((r) => r.id), order.slice(10, 20));
  assert.equal(next.pending, BULK - 20);

  const all = await db.changes({ since: 0 });
  assert.equal(all.results.length, BULK);
  assert.equal(all.pending, 0);
  const last = all.results[all.results.length - 1];
  assert.equal(last.id, bulkId(3));
  assert.equal(last.deleted, true);
  assert.match(last.changes[0].rev, REV2);

  const withDocs = await db.changes({ since: 0, limit: 3, include_docs: true });
  withDocs.results.forEach((r, k) => {
    assert.deepEqual(r.doc, { ...bulkDoc(k), _rev: r.changes[0].rev });
  });
  const tail = await db.changes({ since: all.results[all.results.length - 2].seq, include_docs: true });
  assert.equal(tail.results.length, 1);
  assert.deepEqual(tail.results[0].doc, { _id: bulkId(3), _rev: last.changes[0].rev, _deleted: true });
});

test('longpoll changes return when a document is written', { timeout: 30_000 }, async () => {
  const db = nano.use(bulk);
  const { update_seq: since } = await db.info();
  const t0 = Date.now();
  const pending = db.changes({ feed: 'longpoll', since, timeout: 20_000 });
  await sleep(400);
  const written = await db.insert({ _id: 'longpoll-doc', v: 1 });
  const res = await pending;
  assert.ok(Date.now() - t0 >= 350, 'the longpoll request waited for the write');
  assert.deepEqual(res.results.map((r) => [r.id, r.changes]), [['longpoll-doc', [{ rev: written.rev }]]]);
  assert.equal(seqNum(res.last_seq), seqNum(res.results[0].seq));
  assert.equal(res.pending, 0);
});

test('changesReader sees a new document', { timeout: 30_000 }, async () => {
  const db = nano.use(bulk);
  const ee = db.changesReader.start({ since: 'now', timeout: 10_000 });
  const errors = [];
  let stopped = false;
  ee.on('error', (err) => { if (!stopped) errors.push(err); });
  const seen = new Promise((resolve) => {
    ee.on('change', (change) => { if (change.id === 'reader-doc') resolve(change); });
  });
  try {
    await sleep(400);
    const written = await db.insert({ _id: 'reader-doc', v: 2 });
    const change = await Promise.race([seen, sleep(10_000).then(() => null)]);
    assert.ok(change, 'the change arrived');
    assert.deepEqual(change.changes, [{ rev: written.rev }]);
    assert.deepEqual(errors, []);
  } finally {
    stopped = true;
    db.changesReader.stop();
  }
});

test('database destroy', async () => {
  const destroyed = await ok(nano.db.destroy(bulk));
  assert.equal(destroyed.status, 200);
  assert.deepEqual(destroyed.body, { ok: true });
  const again = await fails(nano.db.destroy(bulk));
  assertError(again, 404, 'not_found', 'Database does not exist.');
  const gone = await fails(nano.db.get(bulk));
  assertError(gone, 404, 'not_found', 'Database does not exist.');
  assert.ok(!(await nano.db.list()).includes(bulk));
});
