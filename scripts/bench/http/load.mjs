// Load phases of the HTTP benchmark that need a client program rather than wrk: bulk insert,
// _all_docs paging, _changes (with and without docs), disk usage before/after compaction.
// Usage: node load.mjs <phase> (env BENCH_URL, BENCH_AUTH, BENCH_DB, BENCH_DOCS, BENCH_BATCH)
const base = process.env.BENCH_URL;
const headers = { Authorization: 'Basic ' + process.env.BENCH_AUTH, 'Content-Type': 'application/json' };
const db = process.env.BENCH_DB;
const docs = Number(process.env.BENCH_DOCS ?? 100000);
const batch = Number(process.env.BENCH_BATCH ?? 1000);

const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'order', 'invoice'];
function makeDoc(i) {
  const notes = [];
  for (let n = 0; notes.join(' ').length < 800; n++) notes.push(words[(i * 7 + n * 13) % words.length]);
  return { _id: 'doc-' + String(i).padStart(6, '0'), type: 'order', n: i, status: words[i % words.length],
    customer: { name: words[i % 5] + ' ' + words[i % 7], email: words[i % 3] + '@example.com' }, notes: notes.join(' ') };
}

async function call(method, path, body) {
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text;
}

const phases = {
  async bulk() {
    await call('PUT', '/' + db);
    let rawBytes = 0;
    const batches = [];
    for (let start = 0; start < docs; start += batch) {
      const list = [];
      for (let i = start; i < Math.min(docs, start + batch); i++) {
        const d = makeDoc(i);
        rawBytes += Buffer.byteLength(JSON.stringify(d));
        list.push(d);
      }
      batches.push(JSON.stringify({ docs: list }));
    }
    const t0 = performance.now();
    // Four requests in flight, as a replicator or loader would keep.
    let next = 0;
    await Promise.all([0, 1, 2, 3].map(async () => {
      while (next < batches.length) {
        const body = batches[next++];
        const res = await fetch(base + '/' + db + '/_bulk_docs', { method: 'POST', headers, body });
        if (res.status !== 201) throw new Error('bulk ' + res.status + ' ' + (await res.text()).slice(0, 200));
        await res.arrayBuffer();
      }
    }));
    const seconds = (performance.now() - t0) / 1000;
    return { docs, seconds, docs_per_s: docs / seconds, raw_json_bytes: rawBytes };
  },
  async alldocs() {
    const t0 = performance.now();
    let seen = 0, startkey = null;
    const page = 10000;
    for (;;) {
      const q = `?include_docs=true&limit=${page + 1}` + (startkey ? '&startkey=' + encodeURIComponent(JSON.stringify(startkey)) : '');
      const rows = JSON.parse(await call('GET', '/' + db + '/_all_docs' + q)).rows;
      const take = rows.length > page ? page : rows.length;
      seen += take;
      if (rows.length <= page) break;
      startkey = rows[page].id;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { docs: seen, seconds, docs_per_s: seen / seconds };
  },
  async changes() {
    return timedFeed('/' + db + '/_changes');
  },
  async changes_docs() {
    return timedFeed('/' + db + '/_changes?include_docs=true');
  },
  async disk() {
    const info = JSON.parse(await call('GET', '/' + db));
    return { file: info.sizes.file, active: info.sizes.active, external: info.sizes.external };
  },
  async compact() {
    const t0 = performance.now();
    await call('POST', '/' + db + '/_compact', {});
    for (;;) {
      await new Promise(r => setTimeout(r, 200));
      const info = JSON.parse(await call('GET', '/' + db));
      if (!info.compact_running) return { seconds: (performance.now() - t0) / 1000, file: info.sizes.file };
    }
  },
};

async function timedFeed(path) {
  const t0 = performance.now();
  const body = JSON.parse(await call('GET', path));
  const seconds = (performance.now() - t0) / 1000;
  return { rows: body.results.length, seconds, rows_per_s: body.results.length / seconds };
}

const result = await phases[process.argv[2]]();
console.log('JSON ' + JSON.stringify(result));
