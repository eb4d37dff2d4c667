'use strict';
// The core's host API (createQueryServer → handle / toJson), as the Jint engine uses it: commands may
// come as values (Jint builds its documents itself) rather than as parsed JSON text.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { loadCore } = require('../lib/core-loader');

function createServer(options = {}) {
  const { createQueryServer, parse } = loadCore();
  const logs = [];
  const server = createQueryServer({ log: (message) => logs.push(message), ...options });
  const handle = (command, length) => JSON.parse(server.toJson(server.handle(parse(JSON.stringify(command)), length)));
  return { server, handle, logs, parse };
}

test('map_docs given as values maps the batch and answers JSON text', () => {
  const { server, handle, logs } = createServer();
  const mapDocs = (docs) => server.toJson(server.handle(['map_docs', docs]));
  assert.equal(handle(['add_fun', 'function(doc) { if (doc.bad) throw "no"; emit(doc._id, doc.n); }']), true);
  assert.equal(mapDocs([{ _id: 'a', n: 1 }, { _id: 'b', bad: true }, { _id: 'c' }]), '[[[["a",1]]],[[]],[[["c",null]]]]');
  assert.deepEqual(logs, ['function raised exception no with doc._id b']);
  assert.equal(mapDocs([]), '[]');
});

test('map_docs given as values answers errors and fatal errors as JSON text too', () => {
  const { server, handle } = createServer();
  const mapDocs = (docs) => server.toJson(server.handle(['map_docs', docs]));
  handle(['add_fun', 'function(doc) { if (doc.stop) throw "fatal_error"; if (doc.die) throw ["fatal", "f", "r"]; }']);
  assert.equal(mapDocs([{ stop: true }]), '["error","map_runtime_error","function raised \'fatal_error\'"]');
  assert.equal(mapDocs([{ die: true }]), '["fatal","f","r"]');
});

test('reduce_limit measures the line length the host passes, or the command\'s JSON', () => {
  const { handle } = createServer();
  const source = 'function(k, v) { return Array(5001).join("x"); }';
  const command = ['rereduce', [source], [1]];
  handle(['reset', { reduce_limit: true }]);
  assert.deepEqual(handle(command, 100000)[1][0].length, 5000);
  assert.deepEqual(handle(command, 1000), ['error', 'reduce_overflow_error',
    `Reduce output must shrink more rapidly: input size: ${1000 - source.length} output size: 5004`]);
  assert.deepEqual(handle(command), ['error', 'reduce_overflow_error',
    `Reduce output must shrink more rapidly: input size: ${JSON.stringify(command).length - source.length} output size: 5004`]);
});

test('toJson answers null for an answer that cannot be serialized, after logging why', () => {
  const { server, handle, logs, parse } = createServer();
  handle(['add_fun', 'function(doc) { var a = []; a.push(a); emit(1, a); }']);
  const answer = server.handle(parse('["map_doc", {}]'));
  assert.equal(server.toJson(answer), null);
  assert.equal(logs.length, 2);
  assert.match(logs[0], /^Error converting object to JSON: TypeError: /);
  assert.match(logs[1], /^error on obj: /);
});

test('handle leaves the command it is given unchanged', () => {
  const { server, parse } = createServer();
  const command = parse('["add_fun", "function(doc) { emit(1, 2); }"]');
  server.handle(command);
  assert.equal(JSON.stringify(command), '["add_fun","function(doc) { emit(1, 2); }"]');
  const mapCommand = parse('["map_doc", {"a": [1]}]');
  server.handle(mapCommand);
  assert.equal(JSON.stringify(mapCommand), '["map_doc",{"a":[1]}]');
});

test('query servers made by one core are independent', () => {
  const { createQueryServer, parse } = loadCore();
  const first = createQueryServer({ log: () => {} });
  const second = createQueryServer({ log: () => {} });
  first.handle(parse('["add_fun", "function(doc) { emit(1, null); }"]'));
  assert.equal(first.toJson(first.handle(parse('["map_doc", {}]'))), '[[[1,null]]]');
  assert.equal(second.toJson(second.handle(parse('["map_doc", {}]'))), '[]');
});

test('a host without exchange cannot run list functions', () => {
  const { handle } = createServer();
  handle(['ddoc', 'new', '_design/l', { lists: { l: 'function() { getRow(); }' } }]);
  assert.deepEqual(handle(['ddoc', '_design/l', ['lists', 'l'], [{}, { headers: {} }]]),
    ['error', 'list_error', 'the query server host does not stream list rows']);
});

test('exchange may return the next command as an array', () => {
  const sent = [];
  const { handle, parse } = createServer({
    exchange: (answer) => {
      sent.push(JSON.parse(JSON.stringify(answer)));
      return sent.length === 1 ? parse('["list_row", {"key": "k"}]') : parse('["list_end"]');
    },
  });
  handle(['ddoc', 'new', '_design/l', { lists: { l: 'function() { var row; while (row = getRow()) send(row.key); return "t"; }' } }]);
  assert.deepEqual(handle(['ddoc', '_design/l', ['lists', 'l'], [{}, { headers: {} }]]), ['end', ['t']]);
  assert.deepEqual(sent, [['start', [], { headers: {} }], ['chunks', ['k']]]);
});
