'use strict';
// V8's JSON.stringify writes a lone surrogate as a \udXXX escape (paired surrogates stay raw); couchjs
// sends U+FFFD for it, as any host that encodes its answers to UTF-8 does.

const LONE_SURROGATE = /(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

function wellFormed(json) {
  return json.includes('\\ud') ? json.replace(LONE_SURROGATE, '\\ufffd') : json;
}

module.exports = { wellFormed };
