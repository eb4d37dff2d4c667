'use strict';
// queryservers/core must stay ECMAScript 5.1: the Jint engine (ES5.1) loads the same files. V8 accepts
// newer syntax silently, so the sources are checked for the ES2015+ forms and built-ins instead.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const CORE_DIR = path.join(__dirname, '..', '..', 'core');

// Source text without comments, string literals and regular expression literals.
function codeOnly(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')
    .replace(/([=(,:!&|?;{}]\s*)\/(?:[^/\\\n]|\\.)+\/[gimy]*/g, '$1/re/');
}

const FORBIDDEN = [
  [/\blet\s/, 'let'],
  [/\bconst\s/, 'const'],
  [/=>/, 'arrow function'],
  [/`/, 'template literal'],
  [/\bclass\s/, 'class'],
  [/\.\.\./, 'spread or rest'],
  [/\bfor\s*\([^)]*\bof\b/, 'for-of'],
  [/\b(?:Map|Set|WeakMap|WeakSet|Symbol|Promise|Proxy|Reflect)\b/, 'ES2015 built-in'],
  [/\.(?:includes|startsWith|endsWith|repeat|padStart|padEnd|find|findIndex|fill|flat|flatMap|trimStart|trimEnd)\(/, 'ES2015+ method'],
  [/\b(?:Object\.(?:assign|entries|values|fromEntries)|Array\.(?:from|of)|Number\.is\w+|String\.raw)\b/, 'ES2015+ function'],
  [/\bfunction\s*\w*\s*\([^)]*=/, 'default parameter'],
  [/\bvar\s*[[{]/, 'destructuring'],
  [/\b(?:module\.exports|process|globalThis)\b/, 'Node.js or ES2020 global'],
];

test('queryservers/core/*.js use ECMAScript 5.1 only', () => {
  const files = fs.readdirSync(CORE_DIR).filter((name) => name.endsWith('.js'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const code = codeOnly(fs.readFileSync(path.join(CORE_DIR, file), 'utf8'));
    for (const [pattern, what] of FORBIDDEN) {
      const match = pattern.exec(code);
      assert.equal(match, null, `${file}: ${what} (${match && match[0]})`);
    }
  }
});

test('queryservers/core/*.js only declare functions and constants, so any load order works', () => {
  const context = vm.createContext(Object.create(null));
  const globals = () => vm.runInContext('Object.getOwnPropertyNames(globalThis)', context);
  const builtIns = new Set(globals());
  const files = fs.readdirSync(CORE_DIR).filter((name) => name.endsWith('.js')).sort().reverse();
  for (const file of files) {
    vm.runInContext(fs.readFileSync(path.join(CORE_DIR, file), 'utf8'), context, { filename: file });
  }
  const declared = globals().filter((name) => !builtIns.has(name));
  assert.ok(declared.includes('createQueryServer'));
  for (const name of declared) {
    const kind = vm.runInContext('typeof ' + name, context);
    assert.ok(kind === 'function' || /^[A-Z_]+$/.test(name), `${name} is a ${kind}`);
  }
  const answer = vm.runInContext('(function () { var qs = createQueryServer({log: function () {}});' +
    ' qs.handle(["add_fun", "function(doc) { emit(doc.k, 1); }"]);' +
    ' return qs.toJson(qs.handle(["map_docs", [{k: 2}]])); })()', context);
  assert.equal(answer, '[[[[2,1]]]]');
});
