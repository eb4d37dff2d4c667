// The benchmarks' documents: ~1 KB of fields, numbers and words drawn at random (seeded) from a
// small vocabulary, so they compress about as well as real JSON does, not better.
const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima',
  'order', 'invoice', 'customer', 'shipping', 'billing', 'pending', 'complete', 'berlin', 'paris', 'tokyo', 'madrid', 'oslo',
  'red', 'green', 'blue', 'small', 'large', 'express', 'standard', 'priority', 'returned', 'gift', 'wrap', 'note'];
// 20 document types, as `emit(doc.type, doc.value)` views group them (scripts/bench/views).
export const types = words.slice(0, 20);
let state = 12345;
const rand = n => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
const word = () => words[rand(words.length)];

export function makeDoc(i) {
  const notes = [];
  while (notes.join(' ').length < 600) notes.push(word() + (rand(4) === 0 ? rand(10000) : ''));
  const items = [];
  for (let k = 0; k < 3; k++) items.push({ sku: 'SKU-' + rand(100000), qty: 1 + rand(9), price: rand(100000) / 100, color: word() });
  return { _id: 'doc-' + String(i).padStart(6, '0'), type: types[rand(types.length)], value: rand(1000), n: i, status: word(), created: 1700000000 + rand(30000000),
    customer: { name: word() + ' ' + word(), email: word() + '.' + word() + '@example.com' }, items, notes: notes.join(' ') };
}

// Bulk-inserts `docs` documents into an existing database, `batch` per _bulk_docs request with
// four requests in flight, as a replicator or loader would keep.
export async function bulkInsert(base, headers, db, docs, batch) {
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
}
