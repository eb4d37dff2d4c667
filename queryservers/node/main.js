#!/usr/bin/env node
'use strict';
// CouchDB's JavaScript query server for Node.js/V8: couchjs's line protocol on stdin/stdout (one JSON
// command per line; one JSON answer per line, preceded by its ["log", message] lines) over the
// shared ES5 core in queryservers/core, run in a sandboxed V8 context. Besides couchjs's commands it
// answers ["map_docs", [doc, ...]] with one map_doc answer per document, and ["validate_docs", id,
// [args, ...]] with [true, [one validate_doc_update answer per document]]. Like couchjs it stops at the
// end of input or an empty line, and exits after answering a fatal error.

const { loadCore } = require('./lib/core-loader');
const { LineReader, LineWriter } = require('./lib/stdio');
const { wellFormed } = require('./lib/json-text');

function run() {
  const { createQueryServer, parse } = loadCore();
  const input = new LineReader(0);
  const output = new LineWriter(1);

  const write = (answer) => {
    const json = server.toJson(answer);
    if (json !== null) output.line(wellFormed(json));
  };
  const server = createQueryServer({
    log: (message) => output.line(wellFormed(JSON.stringify(['log', message]))),
    // A list function waiting for its next row: answer, then block for the next command. Nothing
    // of this realm may be thrown into the sandbox (an Error would lead to this realm's Function).
    exchange: (answer) => {
      let line;
      try {
        write(answer);
        output.flush();
        line = input.readLine();
      } catch (e) {
        die(e);
      }
      if (!line) process.exit(0);
      return line;
    },
  });

  for (let line = input.readLine(); line; line = input.readLine()) {
    const answer = server.handle(parse(line), line.length);
    if (Array.isArray(answer) && answer[0] === 'fatal') {
      const wire = Array.from(answer);
      wire[0] = 'error';
      write(wire);
      output.flush();
      process.exit(1);
    }
    write(answer);
    output.flush();
  }
  // Exit now: promise jobs a design function queued never run (the loop above never yields).
  process.exit(0);
}

// Unreadable input (a line that is not JSON) or a closed stdout: couchjs dies too.
function die(e) {
  process.stderr.write(`couchjs query server: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}

try {
  run();
} catch (e) {
  die(e);
}
