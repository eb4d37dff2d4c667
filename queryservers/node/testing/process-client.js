'use strict';
// A query server process (node main.js) driven line by line, for tests.

const { spawn } = require('node:child_process');
const path = require('node:path');

const MAIN = path.join(__dirname, '..', 'main.js');
const ANSWER_TIMEOUT_MS = 10000;

class QueryServerProcess {
  constructor() {
    this.child = spawn(process.execPath, [MAIN], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.pending = '';
    this.lines = [];
    this.waiters = [];
    this.stderr = '';
    this.closed = false;
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text) => this.onOutput(text));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text) => { this.stderr += text; });
    this.child.stdin.on('error', () => {}); // EPIPE once the server has exited
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.closed = true;
        for (const waiter of this.waiters.splice(0)) waiter(null);
        resolve({ code, signal });
      });
    });
  }

  onOutput(text) {
    this.pending += text;
    let newline;
    while ((newline = this.pending.indexOf('\n')) !== -1) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      const waiter = this.waiters.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    }
  }

  // The next output line, or null once the process has exited.
  nextLine() {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within ' + ANSWER_TIMEOUT_MS + ' ms')), ANSWER_TIMEOUT_MS);
      this.waiters.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  }

  sendLine(text) {
    this.child.stdin.write(text + '\n');
  }

  send(command) {
    this.sendLine(JSON.stringify(command));
  }

  // The next answer with the log messages sent before it.
  async receive() {
    const logs = [];
    for (;;) {
      const line = await this.nextLine();
      if (line === null) throw new Error('the query server exited: ' + this.stderr);
      const value = JSON.parse(line);
      if (Array.isArray(value) && value.length === 2 && value[0] === 'log') logs.push(value[1]);
      else return { answer: value, logs };
    }
  }

  async request(command) {
    this.send(command);
    return this.receive();
  }

  // Ends stdin and waits for the exit.
  close() {
    this.child.stdin.end();
    return this.exited;
  }

  kill() {
    if (!this.closed) this.child.kill('SIGKILL');
    return this.exited;
  }
}

module.exports = { QueryServerProcess };
