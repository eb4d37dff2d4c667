// provides() / registerType() of shows and lists: format keys, their mime types, and picking the
// provider for a request (?format=, else the Accept header, else the first provider).

function createMime() {
  var mimesByKey = {};
  var keysByMime = {};
  var mimeFuns = [];
  var mime = {
    providesUsed: false,
    responseContentType: null,
    registerType: registerType,
    provides: provides,
    resetProvides: resetProvides,
    runProvides: runProvides
  };

  // registerType(key, mimeType, ...): whoever registers a key or mime type last wins.
  function registerType() {
    var key = arguments[0];
    var mimes = [];
    for (var i = 1; i < arguments.length; i++) mimes.push(arguments[i]);
    mimesByKey[key] = mimes;
    for (var j = 0; j < mimes.length; j++) keysByMime[mimes[j]] = key;
  }

  function provides(type, fun) {
    mime.providesUsed = true;
    mimeFuns.push([type, fun]);
  }

  function resetProvides() {
    mime.providesUsed = false;
    mimeFuns = [];
    mime.responseContentType = null;
  }

  // Runs the provider chosen for req and returns its result. With an Accept header the providers
  // are reversed in place first, as couchjs does: a key provided twice resolves to its last provider.
  function runProvides(req, ddoc) {
    var supportedMimes = [];
    var bestFun;
    var bestKey = null;
    var accept = req.headers["Accept"];
    var i;
    if (req.query && req.query.format) {
      bestKey = req.query.format;
      mime.responseContentType = mimesByKey[bestKey][0];
    } else if (accept) {
      mimeFuns.reverse();
      for (i = 0; i < mimeFuns.length; i++) {
        if (mimesByKey[mimeFuns[i][0]]) supportedMimes = supportedMimes.concat(mimesByKey[mimeFuns[i][0]]);
      }
      mime.responseContentType = bestMimeMatch(supportedMimes, accept);
      bestKey = keysByMime[mime.responseContentType];
    } else {
      bestKey = mimeFuns[0][0];
      mime.responseContentType = mimesByKey[bestKey][0];
    }
    if (bestKey) {
      for (i = 0; i < mimeFuns.length; i++) {
        if (mimeFuns[i][0] == bestKey) {
          bestFun = mimeFuns[i][1];
          break;
        }
      }
    }
    if (bestFun) return bestFun.call(ddoc);
    var supportedTypes = [];
    for (i = 0; i < mimeFuns.length; i++) {
      supportedTypes.push(mimesByKey[mimeFuns[i][0]].join(", ") || mimeFuns[i][0]);
    }
    throw ["error", "not_acceptable",
      "Content-Type " + (accept || bestKey) + " not supported, try one of: " + supportedTypes.join(", ")];
  }

  // couchjs's defaults (ported from Rails' mime types).
  registerType("all", "*/*");
  registerType("text", "text/plain; charset=utf-8", "txt");
  registerType("html", "text/html; charset=utf-8");
  registerType("xhtml", "application/xhtml+xml", "xhtml");
  registerType("xml", "application/xml", "text/xml", "application/x-xml");
  registerType("js", "text/javascript", "application/javascript", "application/x-javascript");
  registerType("css", "text/css");
  registerType("ics", "text/calendar");
  registerType("csv", "text/csv");
  registerType("rss", "application/rss+xml");
  registerType("atom", "application/atom+xml");
  registerType("yaml", "application/x-yaml", "text/yaml");
  registerType("multipart_form", "multipart/form-data");
  registerType("url_encoded_form", "application/x-www-form-urlencoded");
  registerType("json", "application/json", "text/x-json");

  return mime;
}
