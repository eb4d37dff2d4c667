'use strict';
// A foreign query server that knows only reset, add_fun and map_doc (like an old couchjs without the
// batched map_docs extension). Like couchjs it answers an unknown command with an error and exits.
const readline = require('node:readline');

let funs = [];
let emitted = [];
const emit = (key, value) => emitted.push([key, value]);

function answer(value) {
  process.stdout.write(JSON.stringify(value) + '\n');
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line);
  switch (command[0]) {
    case 'reset':
      funs = [];
      return answer(true);
    case 'add_fun':
      funs.push(eval('(' + command[1] + ')'));
      return answer(true);
    case 'map_doc':
      answer(['log', 'mapping ' + command[1]._id]);
      return answer(funs.map((fun) => {
        emitted = [];
        fun(command[1]);
        return emitted;
      }));
    default:
      answer(['error', 'unknown_command', `unknown command '${command[0]}'`]);
      process.exit(1);
  }
});
