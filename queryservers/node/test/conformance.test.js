'use strict';
// Every shared conformance case, against `node main.js` and against the core in-process.

const { describe, test } = require('node:test');
const { loadCases, runOnProcess, runOnCore } = require('../testing/conformance');

const cases = loadCases();

describe('conformance over the line protocol (node main.js)', () => {
  for (const testCase of cases) {
    test(`${testCase.file}: ${testCase.name}`, () => runOnProcess(testCase));
  }
});

describe('conformance on the core API (handle / exchange)', () => {
  for (const testCase of cases) {
    test(`${testCase.file}: ${testCase.name}`, () => runOnCore(testCase));
  }
});
