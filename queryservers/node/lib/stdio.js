'use strict';
// Synchronous line I/O on file descriptors. The protocol is strictly one command, one answer, and a
// list function must be able to block mid-call for its next row, so reads block (fs.readSync).

const fs = require('node:fs');

const NEWLINE = 10;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

// A descriptor opened non-blocking (EAGAIN) is polled every millisecond.
function pause() {
  Atomics.wait(sleeper, 0, 0, 1);
}

function readSome(fd, buffer) {
  for (;;) {
    try {
      return fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      if (e.code === 'EAGAIN') pause();
      else if (e.code === 'EOF') return 0;
      else throw e;
    }
  }
}

// Lines of UTF-8 text. A line is decoded once it is complete, so a multi-byte character split
// across reads is never cut; a line longer than the buffer is gathered in pieces and joined once.
class LineReader {
  constructor(fd, bufferSize = 1 << 18) {
    this.fd = fd;
    this.buffer = Buffer.allocUnsafe(bufferSize);
    this.start = 0;
    this.end = 0;
    this.pieces = [];
  }

  // The next line without its "\n", or null at the end of input.
  readLine() {
    for (;;) {
      if (this.start < this.end) {
        const newline = this.buffer.subarray(0, this.end).indexOf(NEWLINE, this.start);
        if (newline !== -1) {
          const line = this.take(newline);
          this.start = newline + 1;
          return line;
        }
        this.pieces.push(Buffer.from(this.buffer.subarray(this.start, this.end)));
        this.start = this.end;
      }
      const count = readSome(this.fd, this.buffer);
      if (count === 0) return this.takeRest();
      this.start = 0;
      this.end = count;
    }
  }

  take(until) {
    if (this.pieces.length === 0) return this.buffer.toString('utf8', this.start, until);
    this.pieces.push(this.buffer.subarray(this.start, until));
    const line = Buffer.concat(this.pieces).toString('utf8');
    this.pieces = [];
    return line;
  }

  // At the end of input: an unterminated last line, or null.
  takeRest() {
    if (this.pieces.length === 0) return null;
    const line = Buffer.concat(this.pieces).toString('utf8');
    this.pieces = [];
    return line;
  }
}

// Lines collected in memory and written with one write per flush.
class LineWriter {
  constructor(fd) {
    this.fd = fd;
    this.pending = '';
  }

  line(text) {
    this.pending += text + '\n';
  }

  flush() {
    if (this.pending === '') return;
    const data = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    let offset = 0;
    while (offset < data.length) {
      try {
        offset += fs.writeSync(this.fd, data, offset, data.length - offset);
      } catch (e) {
        if (e.code !== 'EAGAIN') throw e;
        pause();
      }
    }
  }
}

module.exports = { LineReader, LineWriter };
