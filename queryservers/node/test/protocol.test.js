'use strict';
// The process side of the line protocol: framing, input handling, exits, batches.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { QueryServerProcess } = require('../testing/process-client');

const MAP_ID_AND_N = 'function(doc) { emit(doc._id, doc.n); }';

test('the query server exits with status 0 at the end of its input', async () => {
  const server = new QueryServerProcess();
  assert.deepEqual(await server.request(['reset']), { answer: true, logs: [] });
  assert.deepEqual(await server.close(), { code: 0, signal: null });
});

test('an empty line ends the query server, as in couchjs', async () => {
  const server = new QueryServerProcess();
  server.sendLine('');
  server.send(['reset']);
  assert.deepEqual(await server.exited, { code: 0, signal: null });
  assert.equal(await server.nextLine(), null);
});

test('a last line without a newline is still answered', async () => {
  const server = new QueryServerProcess();
  server.child.stdin.end(JSON.stringify(['reset']));
  assert.equal(await server.nextLine(), 'true');
  assert.deepEqual(await server.exited, { code: 0, signal: null });
});

test('a fatal error is answered as ["error", ...] and ends the process with a failure status', async () => {
  const server = new QueryServerProcess();
  assert.deepEqual(await server.request(['nope']), { answer: ['error', 'unknown_command', "unknown command 'nope'"], logs: [] });
  assert.deepEqual(await server.exited, { code: 1, signal: null });
});

test('a line that is not JSON kills the query server, as in couchjs', async () => {
  const server = new QueryServerProcess();
  server.sendLine('["reset"');
  assert.equal((await server.exited).code, 1);
  assert.match(server.stderr, /SyntaxError/);
});

test('pipelined commands are answered one by one, in order', async () => {
  const server = new QueryServerProcess();
  const commands = [['reset'], ['add_fun', MAP_ID_AND_N]];
  for (let i = 0; i < 100; i++) commands.push(['map_doc', { _id: 'd' + i, n: i }]);
  server.child.stdin.write(commands.map((c) => JSON.stringify(c) + '\n').join(''));
  assert.equal((await server.receive()).answer, true);
  assert.equal((await server.receive()).answer, true);
  for (let i = 0; i < 100; i++) assert.deepEqual((await server.receive()).answer, [[['d' + i, i]]]);
  await server.close();
});

test('a UTF-8 character split across reads arrives whole', async () => {
  const server = new QueryServerProcess();
  await server.request(['add_fun', 'function(doc) { emit(doc.s, doc.s.length); }']);
  const bytes = Buffer.from(JSON.stringify(['map_doc', { s: 'a€𝄞b' }]) + '\n', 'utf8');
  const cut = bytes.indexOf(Buffer.from('€', 'utf8')) + 1;
  server.child.stdin.write(bytes.subarray(0, cut));
  await new Promise((resolve) => setTimeout(resolve, 50));
  server.child.stdin.write(bytes.subarray(cut));
  assert.deepEqual((await server.receive()).answer, [[['a€𝄞b', 5]]]);
  await server.close();
});

test('map_docs maps a batch of 5,000 documents of 1 KB on one line', async () => {
  const server = new QueryServerProcess();
  await server.request(['add_fun', MAP_ID_AND_N]);
  await server.request(['add_fun', 'function(doc) { if (doc.n % 1000 === 0) emit(doc.n, doc.text.length); }']);
  const docs = [];
  for (let n = 0; n < 5000; n++) docs.push({ _id: 'doc' + n, _rev: '1-' + n, n, text: 'x'.repeat(1000) });
  const { answer } = await server.request(['map_docs', docs]);
  assert.equal(answer.length, 5000);
  for (let n = 0; n < 5000; n++) {
    assert.deepEqual(answer[n], [[['doc' + n, n]], n % 1000 === 0 ? [[n, 1000]] : []]);
  }
  await server.close();
});

test('map_docs maps with no functions added', async () => {
  const server = new QueryServerProcess();
  assert.deepEqual((await server.request(['map_docs', [{}, {}]])).answer, [[], []]);
  await server.close();
});

test('an answer that cannot be serialized is logged and not sent, as couchjs does', async () => {
  const server = new QueryServerProcess();
  await server.request(['add_fun', 'function(doc) { var a = {}; a.self = a; emit(1, a); }']);
  server.send(['map_doc', {}]);
  const { answer, logs } = await server.request(['reset']);
  assert.equal(answer, true);
  assert.equal(logs.length, 2);
  assert.match(logs[0], /^Error converting object to JSON: TypeError: /);
  assert.equal(logs[1], 'error on obj: 1,[object Object]');
  await server.close();
});

test('a list whose client goes away ends the query server quietly', async () => {
  const server = new QueryServerProcess();
  const ddoc = { _id: '_design/l', lists: { l: 'function(head, req) { while (getRow()) {} return "t"; }' } };
  await server.request(['ddoc', 'new', '_design/l', ddoc]);
  const { answer } = await server.request(['ddoc', '_design/l', ['lists', 'l'], [{}, { headers: {} }]]);
  assert.deepEqual(answer, ['start', [], { headers: {} }]);
  assert.deepEqual(await server.close(), { code: 0, signal: null });
});

test('log lines with broken surrogates are sent as U+FFFD', async () => {
  const server = new QueryServerProcess();
  await server.request(['add_fun', 'function(doc) { log(doc.s.charAt(0) + "|" + doc.s); }']);
  const { logs } = await server.request(['map_doc', { s: '💥' }]);
  assert.deepEqual(logs, ['\ufffd|💥']);
  await server.close();
});
