// Bulk load of the CouchApp benchmark: the HTTP benchmark's documents into an existing database
// (one whose design documents, a validate_doc_update among them, are already there).
// Usage: node load.mjs (env BENCH_URL, BENCH_AUTH, BENCH_DB, BENCH_DOCS, BENCH_BATCH)
import { bulkInsert } from '../lib/docs.mjs';

const headers = { Authorization: 'Basic ' + process.env.BENCH_AUTH, 'Content-Type': 'application/json' };
const result = await bulkInsert(process.env.BENCH_URL, headers, process.env.BENCH_DB, Number(process.env.BENCH_DOCS ?? 100000), Number(process.env.BENCH_BATCH ?? 1000));
console.log('JSON ' + JSON.stringify(result));
