'use strict';
// Design functions reach nothing of the Node.js host.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { QueryServerProcess } = require('../testing/process-client');

// Each attempt emits what it reached: "sandboxed" when it found no host object.
const ATTEMPTS = {
  globalConstructor: 'function(doc) { try { emit(this.constructor.constructor("return typeof process")(), null); } catch (e) { emit("sandboxed", e.name); } }',
  docConstructor: 'function(doc) { emit(doc.constructor.constructor("return typeof process")(), null); }',
  functionGlobal: 'function(doc) { var g = Function("return this")(); emit(typeof g.process + " " + typeof g.require + " " + typeof g.Buffer, null); }',
  emitConstructor: 'function(doc) { emit(emit.constructor("return typeof process")(), null); }',
  errorConstructor: 'function(doc) { try { null.x; } catch (e) { emit(e.constructor.constructor("return typeof require")(), null); } }',
  requireBuiltin: 'function(doc) { try { require("fs"); emit("reached fs", null); } catch (e) { emit("sandboxed", e[1]); } }',
};

test('design functions cannot reach process, require or Buffer of the host', async () => {
  const server = new QueryServerProcess();
  for (const source of Object.values(ATTEMPTS)) assert.equal((await server.request(['add_fun', source])).answer, true);
  const { answer } = await server.request(['map_doc', { _id: 'x' }]);
  assert.deepEqual(answer, [
    [['undefined', null]],
    [['undefined', null]],
    [['undefined undefined undefined', null]],
    [['undefined', null]],
    [['undefined', null]],
    [['sandboxed', 'invalid_require_path']],
  ]);
  await server.close();
});

test('dynamic import() and promise jobs get nowhere', async () => {
  const server = new QueryServerProcess();
  const source = 'function(doc) { import("fs").then(function(fs) { log("reached fs"); }, function(e) { log("refused"); }); ' +
    'Promise.resolve().then(function() { log("a job ran"); }); emit(1, null); }';
  await server.request(['add_fun', source]);
  assert.deepEqual(await server.request(['map_doc', {}]), { answer: [[[1, null]]], logs: [] });
  assert.deepEqual(await server.request(['reset']), { answer: true, logs: [] });
  assert.deepEqual(await server.close(), { code: 0, signal: null });
  assert.equal(server.stderr, '');
  assert.equal(await server.nextLine(), null);
});

test('replacing JSON members in a design function does not break the protocol', async () => {
  const server = new QueryServerProcess();
  await server.request(['add_fun', 'function(doc) { JSON.stringify = function() { return "hijacked"; }; JSON.parse = null; emit(1, 2); }']);
  assert.deepEqual((await server.request(['map_doc', {}])).answer, [[[1, 2]]]);
  assert.deepEqual((await server.request(['map_doc', { again: true }])).answer, [[[1, 2]]]);
  await server.close();
});
