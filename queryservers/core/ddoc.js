// ["ddoc", "new", id, ddoc] caches a design document; ["ddoc", id, path, args] runs the function at
// path (compiled on first use and kept on the cached document, as couchjs does).

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
    var ddoc = has.call(ddocs, ddocId) ? ddocs[ddocId] : null;
    if (!ddoc) throw ["fatal", "query_protocol_error", "uncached design doc: " + ddocId];
    var funPath = command[2];
    var action = funPath[0];
    if (!has.call(handlers, action)) throw ["fatal", "unknown_command", "unknown ddoc command '" + action + "'"];
    var fun = findFunction(ddoc, ddocId, funPath, action === "views" ? filterSandbox : sandbox);
    return handlers[action](fun, ddoc, command[3]);
  }

  return { handle: handle };
}
