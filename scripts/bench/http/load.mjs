// Load phases of the HTTP benchmark that need a client program rather than wrk or curl: bulk
// insert, disk usage, compaction.
// Usage: node load.mjs <phase> (env BENCH_URL, BENCH_AUTH, BENCH_DB, BENCH_DOCS, BENCH_BATCH)
const base = process.env.BENCH_URL;
const headers = { Authorization: 'Basic ' + process.env.BENCH_AUTH, 'Content-Type': 'application/json' };
const db = process.env.BENCH_DB;
const docs = Number(process.env.BENCH_DOCS ?? 100000);
const batch = Number(process.env.BENCH_BATCH ?? 1000);

// ~1 KB documents of fields, numbers and words drawn at random (seeded) from a small vocabulary,
// so they compress about as well as real JSON does, not better.
const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima',
  'order', 'invoice', 'customer', 'shipping', 'billing', 'pending', 'complete', 'berlin', 'paris', 'tokyo', 'madrid', 'oslo',
  'red', 'green', 'blue', 'small', 'large', 'express', 'standard', 'priority', 'returned', 'gift', 'wrap', 'note'];
// 20 document types, as `emit(doc.type, doc.value)` views group them (scripts/bench/views).
const types = words.slice(0, 20);
let state = 12345;
const rand = n => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
const word = () => words[rand(words.length)];
function makeDoc(i) {
  const notes = [];
  while (notes.join(' ').length < 600) notes.push(word() + (rand(4) === 0 ? rand(10000) : ''));
  const items = [];
  for (let k = 0; k < 3; k++) items.push({ sku: 'SKU-' + rand(100000), qty: 1 + rand(9), price: rand(100000) / 100, color: word() });
  return { _id: 'doc-' + String(i).padStart(6, '0'), type: types[rand(types.length)], value: rand(1000), n: i, status: word(), created: 1700000000 + rand(30000000),
    customer: { name: word() + ' ' + word(), email: word() + '.' + word() + '@example.com' }, items, notes: notes.join(' ') };
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

const result = await phases[process.argv[2]]();
console.log('JSON ' + JSON.stringify(result));
