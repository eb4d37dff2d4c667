// Shows, lists, updates and rewrites (couchjs's render.js). Each run* returns the command's answer;
// a list's intermediate answers ("start", "chunks") go out through exchange(answer), which returns
// the next command ("list_row" / "list_end").

function createRender(mime, log, exchange) {
  var chunks = [];
  var startResp = {};
  var newHeader = false;
  var gotRow = false;
  var lastRow = false;

  function start(resp) {
    startResp = resp || {};
    newHeader = true;
  }

  function send(chunk) {
    chunks.push(chunk.toString());
  }

  function applyContentType(resp, contentType) {
    resp.headers = resp.headers || {};
    if (contentType) resp.headers["Content-Type"] = resp.headers["Content-Type"] || contentType;
    return resp;
  }

  function takeStart() {
    var answer = ["start", chunks, applyContentType(startResp || {}, mime.responseContentType)];
    chunks = [];
    startResp = {};
    newHeader = false;
    return answer;
  }

  // The chunks sent since the last answer; headers set by a start() after the first row ride along.
  function takeChunks(label) {
    var answer = newHeader ? [label, chunks, startResp] : [label, chunks];
    newHeader = false;
    chunks = [];
    return answer;
  }

  function getRow() {
    if (lastRow) return null;
    var answer;
    if (!gotRow) {
      gotRow = true;
      answer = takeStart();
    } else {
      answer = takeChunks("chunks");
    }
    var command = exchange(answer);
    if (command[0] == "list_end") {
      lastRow = true;
      return null;
    }
    if (command[0] != "list_row") throw ["fatal", "list_error", "not a row '" + command[0] + "'"];
    return command[1];
  }

  function resetList() {
    gotRow = false;
    lastRow = false;
    chunks = [];
    startResp = {};
    newHeader = false;
  }

  function maybeWrapResponse(resp) {
    return typeof resp === "string" ? { body: resp } : resp;
  }

  // typeof that tells arrays and null apart.
  function typeOf(value) {
    var type = typeof value;
    if (type === "object") {
      if (!value) return "null";
      if (value instanceof Array) return "array";
    }
    return type;
  }

  // Errors the caller already shaped pass through; anything else a design function throws becomes
  // render_error, logged with its stack.
  function renderError(e) {
    if (e.error && e.reason || e[0] == "error" || e[0] == "fatal") throw e;
    var message = "function raised error: " + errorString(e) + " \nstacktrace: " + e.stack;
    log(message);
    throw ["error", "render_error", message];
  }

  // args: [doc, req]. A show of a missing document (doc null on a /_show/name/docid path) that
  // fails answers not_found instead of the function's error.
  function runShow(fun, ddoc, args) {
    try {
      resetList();
      mime.resetProvides();
      var resp = maybeWrapResponse(fun.apply(ddoc, args) || {});
      if (chunks.length && chunks.length > 0) {
        resp.headers = resp.headers || {};
        for (var header in startResp) resp.headers[header] = startResp[header];
        resp.body = chunks.join("") + (resp.body || "");
        resetList();
      }
      if (mime.providesUsed) {
        var provided = maybeWrapResponse(mime.runProvides(args[1], ddoc) || {});
        resp.body = (resp.body || "") + chunks.join("");
        resp.body += provided.body || "";
        resp = applyContentType(resp, mime.responseContentType);
        resetList();
      }
      var type = typeOf(resp);
      if (type === "object" || type === "string") return ["resp", maybeWrapResponse(resp)];
      throw ["error", "render_error", "undefined response from show function"];
    } catch (e) {
      if (args[0] === null && args[1].path.length > 5) throw ["error", "not_found", "document not found"];
      renderError(e);
    }
  }

  // args: [head, req]. Rows are pulled by the function through getRow(); the answer is "end".
  function runList(fun, ddoc, args) {
    try {
      mime.resetProvides();
      resetList();
      var tail = fun.apply(ddoc, args);
      if (mime.providesUsed) tail = mime.runProvides(args[1], ddoc);
      if (!gotRow) getRow();
      if (typeof tail !== "undefined") chunks.push(tail);
      return takeChunks("end");
    } catch (e) {
      renderError(e);
    }
  }

  // args: [doc, req]; the function returns [newDoc, response].
  function runUpdate(fun, ddoc, args) {
    try {
      if (args[1].method == "GET") throw ["error", "method_not_allowed", "Update functions do not allow GET"];
      var result = fun.apply(ddoc, args);
      var doc = result[0];
      var resp = result[1];
      var type = typeOf(resp);
      if (type === "object" || type === "string") return ["up", doc, maybeWrapResponse(resp)];
      throw ["error", "render_error", "undefined response from update function"];
    } catch (e) {
      renderError(e);
    }
  }

  // args: [req2]. A string result is a path; nothing means no rule matched.
  function runRewrite(fun, ddoc, args) {
    var result;
    try {
      result = fun.apply(ddoc, args);
    } catch (e) {
      renderError(e);
    }
    if (!result) return ["no_dispatch_rule"];
    if (typeof result === "string") result = { path: result, method: args[0].method };
    return ["ok", result];
  }

  return {
    start: start,
    send: send,
    getRow: getRow,
    show: runShow,
    list: runList,
    update: runUpdate,
    rewrite: runRewrite
  };
}
