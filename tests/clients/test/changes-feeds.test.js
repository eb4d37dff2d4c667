'use strict';
// The _changes feeds over plain HTTP, as curl sees them: normal, longpoll, continuous and
// eventsource framing, heartbeats, timeouts, the built-in filters, style, limit, descending and
// seq_interval.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { startServer } = require('../server');
const { request, openStream, dbName, seqNum, sleep } = require('../http');

let server;
const db = dbName('feeds');       // a fixed set of changes, read by many tests
const live = dbName('feeds-live'); // written to while a feed is open

const rev = (label) => crypto.createHash('md5').update(`feeds/${label}`).digest('hex');
const [A, B, C, X, Y] = ['a', 'b', 'c', 'x', 'y'].map(rev);
// The conflicted doc's leaves in CouchDB's order: live leaves first, each group by rev descending.
const LIVE_LEAVES = [`2-${B}`, `2-${C}`].sort().reverse();
const CONFLICT_LEAVES = [...LIVE_LEAVES, `3-${X}`];
const ORDER = ['a', 'b', 'c', '_design/app', 'conflicted', 'd'];
let revs; // id -> winning rev

const ids = (body) => body.results.map((r) => r.id);
const changesUrl = (name, qs = '') => `/${name}/_changes${qs ? '?' + qs : ''}`;

async function put(name, id, body) {
  const res = await request(server, 'PUT', `/${name}/${encodeURIComponent(id).replace('%2F', '/')}`, { body });
  assert.equal(res.status, 201, `PUT ${id}: ${res.text}`);
  return res.body.rev;
}

async function updateSeq(name) {
  const info = await request(server, 'GET', `/${name}`);
  return info.body.update_seq;
}

// Non-empty lines of a continuous feed, parsed.
const jsonLines = (text) => text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));

function assertChangeRow(row) {
  assert.deepEqual(Object.keys(row).filter((k) => k !== 'deleted').sort(), ['changes', 'id', 'seq']);
  assert.equal(typeof row.seq, 'string');
  assert.ok(Array.isArray(row.changes) && row.changes.length >= 1);
}

before(async () => {
  server = await startServer();
  for (const name of [db, live]) {
    const res = await request(server, 'PUT', `/${name}`);
    assert.equal(res.status, 201);
  }
  revs = {};
  revs.a = await put(db, 'a', { type: 'fruit', name: 'apple' });
  revs.b = await put(db, 'b', { type: 'veg', name: 'beet' });
  revs.c = await put(db, 'c', { type: 'fruit', name: 'cherry' });
  revs['_design/app'] = await put(db, '_design/app', { language: 'javascript' });
  const branches = await request(server, 'POST', `/${db}/_bulk_docs`, {
    body: {
      new_edits: false,
      docs: [
        { _id: 'conflicted', _rev: `2-${B}`, _revisions: { start: 2, ids: [B, A] }, type: 'fruit', branch: 'b' },
        { _id: 'conflicted', _rev: `2-${C}`, _revisions: { start: 2, ids: [C, A] }, type: 'fruit', branch: 'c' },
        { _id: 'conflicted', _rev: `3-${X}`, _revisions: { start: 3, ids: [X, Y, A] }, _deleted: true },
      ],
    },
  });
  assert.equal(branches.status, 201);
  assert.deepEqual(branches.body, []);
  revs.conflicted = LIVE_LEAVES[0];
  const d1 = await put(db, 'd', { type: 'fruit', name: 'date' });
  const del = await request(server, 'DELETE', `/${db}/d?rev=${d1}`);
  assert.equal(del.status, 200);
  revs.d = del.body.rev;
});

after(async () => {
  if (!server) return;
  for (const name of [db, live]) await request(server, 'DELETE', `/${name}`).catch(() => {});
  await server.stop();
});

test('normal feed: one row per document in update order', async () => {
  const res = await request(server, 'GET', changesUrl(db));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.ok(res.headers.get('etag'), 'a normal feed carries an ETag');
  assert.deepEqual(Object.keys(res.body).sort(), ['last_seq', 'pending', 'results']);
  assert.deepEqual(ids(res.body), ORDER);
  res.body.results.forEach(assertChangeRow);
  for (const r of res.body.results) assert.deepEqual(r.changes, [{ rev: revs[r.id] }], `changes of ${r.id}`);
  assert.deepEqual(res.body.results.filter((r) => 'deleted' in r).map((r) => [r.id, r.deleted]), [['d', true]]);
  const nums = res.body.results.map((r) => seqNum(r.seq));
  nums.slice(1).forEach((n, i) => assert.ok(n > nums[i], 'seqs increase'));
  assert.equal(seqNum(res.body.last_seq), nums[nums.length - 1]);
  assert.equal(seqNum(res.body.last_seq), seqNum(await updateSeq(db)));
  assert.equal(res.body.pending, 0);

  // since=<a seq from the feed> resumes right after it.
  const rest = await request(server, 'GET', changesUrl(db, `since=${encodeURIComponent(res.body.results[2].seq)}`));
  assert.deepEqual(ids(rest.body), ORDER.slice(3));
});

test('limit and pending; descending', async () => {
  const two = await request(server, 'GET', changesUrl(db, 'limit=2'));
  assert.deepEqual(ids(two.body), ['a', 'b']);
  assert.equal(two.body.pending, ORDER.length - 2);
  assert.equal(seqNum(two.body.last_seq), seqNum(two.body.results[1].seq));

  const desc = await request(server, 'GET', changesUrl(db, 'descending=true'));
  assert.equal(desc.status, 200);
  assert.deepEqual(ids(desc.body), ORDER.slice().reverse());
  const nums = desc.body.results.map((r) => seqNum(r.seq));
  nums.slice(1).forEach((n, i) => assert.ok(n < nums[i], 'seqs decrease'));

  const descTwo = await request(server, 'GET', changesUrl(db, 'descending=true&limit=2'));
  assert.deepEqual(ids(descTwo.body), ['d', 'conflicted']);
  assert.equal(descTwo.body.results[0].deleted, true);
});

test('since=now', async () => {
  const res = await request(server, 'GET', changesUrl(db, 'since=now'));
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.results, []);
  assert.equal(res.body.pending, 0);
  assert.equal(seqNum(res.body.last_seq), seqNum(await updateSeq(db)));
});

test('style=all_docs lists every leaf, winner first, deleted leaves last', async () => {
  const main = await request(server, 'GET', changesUrl(db));
  const mainRow = main.body.results.find((r) => r.id === 'conflicted');
  assert.deepEqual(mainRow.changes, [{ rev: LIVE_LEAVES[0] }]);
  assert.ok(!('deleted' in mainRow));

  const all = await request(server, 'GET', changesUrl(db, 'style=all_docs'));
  assert.equal(all.status, 200);
  assert.deepEqual(ids(all.body), ORDER);
  const row = all.body.results.find((r) => r.id === 'conflicted');
  assert.deepEqual(row.changes, CONFLICT_LEAVES.map((r) => ({ rev: r })));
  assert.ok(!('deleted' in row), 'deleted describes the winner only');
  const plain = all.body.results.find((r) => r.id === 'a');
  assert.deepEqual(plain.changes, [{ rev: revs.a }]);

  // The doc itself agrees: the winner and one conflict (the deleted leaf is not a conflict).
  const doc = await request(server, 'GET', `/${db}/conflicted?conflicts=true&deleted_conflicts=true`);
  assert.equal(doc.body._rev, LIVE_LEAVES[0]);
  assert.deepEqual(doc.body._conflicts, [LIVE_LEAVES[1]]);
  assert.deepEqual(doc.body._deleted_conflicts, [`3-${X}`]);
});

test('filter=_doc_ids by query parameter and by POST body', async () => {
  const get = await request(server, 'GET', changesUrl(db, `filter=_doc_ids&doc_ids=${encodeURIComponent(JSON.stringify(['c', 'a', 'nope']))}`));
  assert.equal(get.status, 200);
  assert.deepEqual(ids(get.body), ['a', 'c']);

  const post = await request(server, 'POST', changesUrl(db, 'filter=_doc_ids'), { body: { doc_ids: ['d', 'c'] } });
  assert.equal(post.status, 200);
  assert.deepEqual(post.body.results.map((r) => [r.id, r.deleted === true]), [['c', false], ['d', true]]);
  assert.deepEqual(post.body.results[1].changes, [{ rev: revs.d }]);
});

test('filter=_selector', async () => {
  const res = await request(server, 'POST', changesUrl(db, 'filter=_selector'), { body: { selector: { type: 'fruit' } } });
  assert.equal(res.status, 200);
  assert.deepEqual(ids(res.body), ['a', 'c', 'conflicted']);
  assert.equal(seqNum(res.body.last_seq), seqNum(await updateSeq(db)));

  const withName = await request(server, 'POST', changesUrl(db, 'filter=_selector'), { body: { selector: { name: { $gt: 'b' } } } });
  assert.deepEqual(ids(withName.body), ['b', 'c']);

  const noBody = await request(server, 'GET', changesUrl(db, 'filter=_selector'));
  assert.equal(noBody.status, 400);
  assert.deepEqual(noBody.body, { error: 'bad_request', reason: 'Selector must be specified in POST payload' });
});

test('filter=_design', async () => {
  const res = await request(server, 'GET', changesUrl(db, 'filter=_design'));
  assert.equal(res.status, 200);
  assert.deepEqual(ids(res.body), ['_design/app']);
  assert.deepEqual(res.body.results[0].changes, [{ rev: revs['_design/app'] }]);
});

test('seq_interval: only every Nth row carries a seq', async () => {
  // CouchDB computes the seq when the remaining limit is a multiple of seq_interval:
  // limit=6, seq_interval=3 -> rows 1 and 4 (remaining 6 and 3) have one, the others null.
  const res = await request(server, 'GET', changesUrl(db, 'seq_interval=3&limit=6'));
  assert.equal(res.status, 200);
  assert.deepEqual(ids(res.body), ORDER);
  assert.deepEqual(res.body.results.map((r) => r.seq === null), [false, true, true, false, true, true]);
  assert.equal(typeof res.body.last_seq, 'string');
  assert.equal(seqNum(res.body.last_seq), seqNum(await updateSeq(db)));

  const bad = await request(server, 'GET', changesUrl(db, 'seq_interval=0'));
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body, { error: 'bad_request', reason: 'invalid_seq_interval' });
});

test('longpoll: returns at once when changes exist, blocks until a write otherwise', { timeout: 30_000 }, async () => {
  const now = await request(server, 'GET', changesUrl(db, 'feed=longpoll&since=0'));
  assert.equal(now.status, 200);
  assert.deepEqual(ids(now.body), ORDER);

  const t0 = Date.now();
  const idle = await request(server, 'GET', changesUrl(live, 'feed=longpoll&since=now&timeout=500'));
  assert.ok(Date.now() - t0 >= 400, 'longpoll waited for the timeout');
  assert.equal(idle.status, 200);
  assert.deepEqual(idle.body.results, []);
  assert.equal(idle.body.pending, 0);
  assert.equal(seqNum(idle.body.last_seq), seqNum(await updateSeq(live)));

  const t1 = Date.now();
  const waiting = request(server, 'GET', changesUrl(live, 'feed=longpoll&since=now&timeout=20000'));
  await sleep(500);
  const written = await put(live, 'lp', { v: 1 });
  const res = await waiting;
  assert.ok(Date.now() - t1 >= 450, 'longpoll blocked until the write');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.results.map((r) => [r.id, r.changes]), [['lp', [{ rev: written }]]]);
  assert.equal(seqNum(res.body.last_seq), seqNum(res.body.results[0].seq));
  assert.equal(res.body.pending, 0);
});

test('continuous: one JSON line per change, then a last_seq line at the timeout', { timeout: 30_000 }, async () => {
  const t0 = Date.now();
  const res = await request(server, 'GET', changesUrl(db, 'feed=continuous&since=0&timeout=600'));
  assert.ok(Date.now() - t0 >= 500, 'the feed stayed open until the timeout');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.ok(res.text.endsWith('\n'));
  const lines = jsonLines(res.text);
  assert.equal(lines.length, ORDER.length + 1);
  const rows = lines.slice(0, -1);
  assert.deepEqual(rows.map((r) => r.id), ORDER);
  rows.forEach(assertChangeRow);
  assert.deepEqual(rows[5].deleted, true);
  const last = lines[lines.length - 1];
  assert.deepEqual(Object.keys(last).sort(), ['last_seq', 'pending']);
  assert.equal(seqNum(last.last_seq), seqNum(rows[rows.length - 1].seq));
  assert.equal(last.pending, 0);

  const t1 = Date.now();
  const limited = await request(server, 'GET', changesUrl(db, 'feed=continuous&since=0&limit=2&timeout=20000'));
  assert.ok(Date.now() - t1 < 5_000, 'a continuous feed ends as soon as its limit is reached');
  const limitedLines = jsonLines(limited.text);
  assert.deepEqual(limitedLines.slice(0, 2).map((r) => r.id), ['a', 'b']);
  assert.deepEqual(Object.keys(limitedLines[2]).sort(), ['last_seq', 'pending']);
  assert.equal(limitedLines[2].pending, ORDER.length - 2);
  assert.equal(limitedLines.length, 3);

  const empty = await request(server, 'GET', changesUrl(db, 'feed=continuous&since=now&timeout=300'));
  const emptyLines = jsonLines(empty.text);
  assert.equal(emptyLines.length, 1);
  assert.equal(seqNum(emptyLines[0].last_seq), seqNum(await updateSeq(db)));
});

test('continuous with heartbeat: newlines while idle, the change when it happens, no timeout', { timeout: 30_000 }, async () => {
  // heartbeat overrides timeout: the feed must outlive timeout=300.
  const feed = await openStream(server, 'GET', changesUrl(live, 'feed=continuous&since=now&heartbeat=150&timeout=300'));
  try {
    assert.equal(feed.status, 200);
    await feed.readUntil((text) => text.split('\n').length - 1 >= 4, 5_000);
    assert.match(feed.text(), /^\n+$/, 'only heartbeat newlines while nothing changes');
    await sleep(400);
    assert.equal(feed.ended, false, 'the feed outlived timeout=300');

    const written = await put(live, 'hb', { v: 2 });
    const text = await feed.readUntil((t) => t.includes('"hb"') && /"hb"[^\n]*\n/.test(t), 5_000);
    const rows = jsonLines(text);
    assert.equal(rows.length, 1);
    assertChangeRow(rows[0]);
    assert.equal(rows[0].id, 'hb');
    assert.deepEqual(rows[0].changes, [{ rev: written }]);
  } finally {
    feed.abort();
  }
});

test('eventsource: data/id events and heartbeat events', { timeout: 30_000 }, async () => {
  const feed = await openStream(server, 'GET', changesUrl(db, 'feed=eventsource&since=0&heartbeat=150'));
  try {
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type'), /^text\/event-stream/);
    assert.equal(feed.headers.get('cache-control'), 'no-cache');
    // Complete events only; CouchDB may open an idle stream with a bare newline.
    const blocks = (text) => text.split('\n\n').slice(0, -1).map((b) => b.replace(/^\n+/, ''));
    const text = await feed.readUntil((t) => {
      const b = blocks(t);
      return b.filter((e) => e.startsWith('data: {')).length >= ORDER.length && b.some((e) => e.startsWith('event: heartbeat'));
    }, 5_000);

    const events = blocks(text);
    const data = events.filter((e) => e.startsWith('data: {'));
    assert.equal(data.length, ORDER.length);
    data.forEach((e, i) => {
      const lines = e.split('\n');
      assert.equal(lines.length, 2, `event ${JSON.stringify(e)}`);
      assert.ok(lines[0].startsWith('data: '));
      assert.ok(lines[1].startsWith('id: '));
      const change = JSON.parse(lines[0].slice('data: '.length));
      assertChangeRow(change);
      assert.equal(change.id, ORDER[i]);
      assert.equal(JSON.parse(lines[1].slice('id: '.length)), change.seq, 'id is the JSON-encoded seq');
    });
    for (const e of events.filter((x) => !x.startsWith('data: {'))) {
      assert.equal(e, 'event: heartbeat\ndata: ');
    }
  } finally {
    feed.abort();
  }

  // A write while the stream is open arrives as the next event.
  const liveFeed = await openStream(server, 'GET', changesUrl(live, 'feed=eventsource&since=now&heartbeat=150'));
  try {
    await sleep(300);
    const written = await put(live, 'es', { v: 3 });
    const text = await liveFeed.readUntil((t) => /data: \{[^\n]*"es"[^\n]*\nid: [^\n]*\n\n/.test(t), 5_000);
    const event = text.split('\n\n').map((b) => b.replace(/^\n+/, '')).find((e) => e.startsWith('data: {'));
    const change = JSON.parse(event.split('\n')[0].slice('data: '.length));
    assert.equal(change.id, 'es');
    assert.deepEqual(change.changes, [{ rev: written }]);
  } finally {
    liveFeed.abort();
  }
});
