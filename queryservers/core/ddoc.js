// ["ddoc", "new", id, ddoc] caches a design document; ["ddoc", id, path, args] runs the function at
// path (compiled on first use and kept on the cached document, as couchjs does); validateMany runs
// validate_doc_update on a batch.

// handlers: {lists, shows, filters, views, updates, validate_doc_update, rewrites}, each
// function(fun, ddoc, args) returning the answer. views functions compile with filterSandbox.
function createDesignDocs(compile, sandbox, filterSandbox, handlers) {
  var ddocs = {};
  var has = Object.prototype.hasOwnProperty;

  function findFunction(ddoc, ddocId, funPath, sandboxForPath) {
    var point = ddoc;
    for (var i = 0; i < funPath.length - 1; i++) point = point[funPath[i]];
    var name = funPath[funPath.length - 1];
    var fun = point[name];
    if (!fun) {
      throw ["error", "not_found", "missing " + funPath[0] + " function " + name + " on design doc " + ddocId];
    }
    if (typeof fun !== "function") {
      fun = compile(fun, sandboxForPath, ddoc);
      point[name] = fun;
    }
    return fun;
  }

  function handle(command) {
    var ddocId = command[1];
    if (ddocId == "new") {
      ddocs[command[2]] = command[3];
      return true;
    }
    var funPath = command[2];
    var action = funPath[0];
    var fun = handleFunction(ddocId, funPath);
    return handlers[action](fun, ddocs[ddocId], command[3]);
  }

  // The function at funPath of a cached design doc, compiled on first use.
  function handleFunction(ddocId, funPath) {
    var ddoc = has.call(ddocs, ddocId) ? ddocs[ddocId] : null;
    if (!ddoc) throw ["fatal", "query_protocol_error", "uncached design doc: " + ddocId];
    var action = funPath[0];
    if (!has.call(handlers, action)) throw ["fatal", "unknown_command", "unknown ddoc command '" + action + "'"];
    return findFunction(ddoc, ddocId, funPath, action === "views" ? filterSandbox : sandbox);
  }

  // ["validate_docs", id, [args, ...]] (a CouchJs extension): validate_doc_update on many documents
  // in one command, so a bulk write costs one exchange, not one per document. Answers [true,
  // [answer, ...]] (as reduce does: a bare array whose first answer were the string "error" would
  // read as an error message), each what ["ddoc", id, ["validate_doc_update"], args] answers for
  // those args, an error answer included; a fatal error ends the command (and the process) as it
  // would the single one.
  function validateMany(command, errorAnswer) {
    var argsList = command[2];
    var answers = [];
    if (argsList.length === 0) return [true, answers];
    var fun = handleFunction(command[1], ["validate_doc_update"]);
    var ddoc = ddocs[command[1]];
    for (var i = 0; i < argsList.length; i++) {
      try {
        answers.push(handlers.validate_doc_update(fun, ddoc, argsList[i]));
      } catch (e) {
        var answer = errorAnswer(e);
        if (answer[0] == "fatal") throw e;
        answers.push(answer);
      }
    }
    return [true, answers];
  }

  return { handle: handle, validateMany: validateMany };
}
