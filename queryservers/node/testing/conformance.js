'use strict';
// Runs the shared conformance cases (queryservers/conformance/*.json, format in its README) against
// a query server process or directly against the core.

const fs = require('node:fs');
const path = require('node:path');
const { loadCore } = require('../lib/core-loader');
const { wellFormed } = require('../lib/json-text');
const { QueryServerProcess } = require('./process-client');

const CONFORMANCE_DIR = path.join(__dirname, '..', '..', 'conformance');

function loadCases() {
  const cases = [];
  for (const file of fs.readdirSync(CONFORMANCE_DIR).filter((name) => name.endsWith('.json')).sort()) {
    for (const testCase of JSON.parse(fs.readFileSync(path.join(CONFORMANCE_DIR, file), 'utf8'))) {
      cases.push({ file, ...testCase });
    }
  }
  return cases;
}

function isMatcher(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) &&
    Object.keys(value).length === 1 && typeof value.$match === 'string';
}

// Where actual differs from expected ({"$match": regex} matches a string), or null when it does not.
function difference(expected, actual, where = '$') {
  if (isMatcher(expected)) {
    return typeof actual === 'string' && new RegExp(expected.$match).test(actual)
      ? null : `${where}: ${JSON.stringify(actual)} does not match /${expected.$match}/`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const found = difference(expected[i], actual[i], `${where}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    }
    const expectedKeys = Object.keys(expected).sort();
    const actualKeys = Object.keys(actual).sort();
    if (JSON.stringify(expectedKeys) !== JSON.stringify(actualKeys)) {
      return `${where}: keys ${JSON.stringify(actualKeys)}, expected ${JSON.stringify(expectedKeys)}`;
    }
    for (const key of expectedKeys) {
      const found = difference(expected[key], actual[key], `${where}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return expected === actual ? null : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function check(testCase, index, expected, expectedLogs, answer, logs) {
  const label = `${testCase.file} "${testCase.name}" exchange ${index}`;
  const answerDifference = difference(expected, answer);
  if (answerDifference) throw new Error(`${label}: answer ${answerDifference}`);
  if (expectedLogs === undefined) return;
  const logDifference = difference(expectedLogs, logs);
  if (logDifference) throw new Error(`${label}: logs ${logDifference}`);
}

const isFatal = (expected) => Array.isArray(expected) && expected[0] === 'fatal';

// Over the wire a fatal error is ["error", name, reason] and then the process exits.
async function runOnProcess(testCase) {
  const server = new QueryServerProcess();
  try {
    for (let i = 0; i < testCase.exchanges.length; i++) {
      const [command, expected, expectedLogs] = testCase.exchanges[i];
      const { answer, logs } = await server.request(command);
      if (!isFatal(expected)) {
        check(testCase, i, expected, expectedLogs, answer, logs);
        continue;
      }
      check(testCase, i, ['error', ...expected.slice(1)], expectedLogs, answer, logs);
      const { code } = await server.exited;
      if (code === 0) throw new Error(`${testCase.name}: exit status 0 after a fatal error`);
      if (i !== testCase.exchanges.length - 1) throw new Error(`${testCase.name}: exchanges after a fatal error`);
    }
  } finally {
    await server.kill();
  }
}

// The core's API as a host uses it: handle() per command, exchange() for list rows, answers as JSON.
function runOnCore(testCase) {
  const { createQueryServer, parse } = loadCore();
  const exchanges = testCase.exchanges;
  let index = 0;
  let logs = [];
  const verify = (answer) => {
    const json = server.toJson(answer);
    if (json === null) throw new Error(`${testCase.name}: exchange ${index} has no JSON answer`);
    const [, expected, expectedLogs] = exchanges[index];
    check(testCase, index, expected, expectedLogs, JSON.parse(wellFormed(json)), logs);
    index += 1;
    logs = [];
  };
  const server = createQueryServer({
    log: (message) => logs.push(message),
    exchange: (answer) => {
      verify(answer);
      return JSON.stringify(exchanges[index][0]);
    },
  });
  while (index < exchanges.length) {
    verify(server.handle(parse(JSON.stringify(exchanges[index][0]))));
  }
}

module.exports = { loadCases, difference, runOnProcess, runOnCore };
