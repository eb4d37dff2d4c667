// Load phases of the HTTP benchmark that need a client program rather than wrk or curl: bulk
// insert, disk usage, compaction.
// Usage: node load.mjs <phase> (env BENCH_URL, BENCH_AUTH, BENCH_DB, BENCH_DOCS, BENCH_BATCH)
import { bulkInsert } from '../lib/docs.mjs';

const base = process.env.BENCH_URL;
const headers = { Authorization: 'Basic ' + process.env.BENCH_AUTH, 'Content-Type': 'application/json' };
const db = process.env.BENCH_DB;
const docs = Number(process.env.BENCH_DOCS ?? 100000);
const batch = Number(process.env.BENCH_BATCH ?? 1000);

async function call(method, path, body) {
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text;
}

const phases = {
  async bulk() {
    await call('PUT', '/' + db);
    return bulkInsert(base, headers, db, docs, batch);
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
