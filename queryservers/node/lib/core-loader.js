'use strict';
// Loads queryservers/core/*.js into a fresh V8 context (node:vm) and returns its createQueryServer.
// The core and every design function run in that context: only ECMAScript built-ins are there (no
// require, process, Buffer, timers; V8's console is removed too), the files are evaluated inside one
// function scope so none of the core's names becomes a global, and the context's global has a
// null-prototype backing object so `this.constructor.constructor` cannot reach this realm's Function.

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const CORE_DIR = path.join(__dirname, '..', '..', 'core');

function coreSource() {
  const files = fs.readdirSync(CORE_DIR).filter((name) => name.endsWith('.js')).sort();
  const bodies = files.map((name) => fs.readFileSync(path.join(CORE_DIR, name), 'utf8'));
  return '(function () {\n' + bodies.join('\n') + '\nreturn createQueryServer;\n})()';
}

// Returns {createQueryServer, parse}: parse is the context's JSON.parse, so command objects are
// created inside the sandbox realm and user code never holds an object of this one.
function loadCore() {
  const context = vm.createContext(Object.create(null), {
    name: 'couchjs query server',
    codeGeneration: { strings: true, wasm: false },
  });
  vm.runInContext('delete globalThis.console;', context);
  const createQueryServer = vm.runInContext(coreSource(), context, { filename: 'queryservers/core' });
  const parse = vm.runInContext('JSON.parse', context);
  return { createQueryServer, parse };
}

module.exports = { loadCore };
