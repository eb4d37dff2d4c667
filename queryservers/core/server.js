// createQueryServer(options): the query-server protocol of couchjs as a function from command to
// answer, for any host (the Node line-protocol process, the in-process Jint engine). A host evaluates
// every core/*.js file, in any order, inside one function scope, e.g.
// "(function () { <files> return createQueryServer; })()", so that no name of the core is a global
// design functions could see.
//
//   options.log(message)      receives each log line (a string) when it is logged, before the
//                             answer of the command that logged it (the wire form is ["log", message]).
//   options.exchange(answer)  only needed by list functions: sends an intermediate answer
//                             (["start", ...] / ["chunks", ...]) and returns the next command (an
//                             array or its JSON text: ["list_row", row] or ["list_end"]).
//
// Returns {handle, toJson}:
//   handle(command, lineLength)  the answer to one command (a JS value). lineLength is the length of
//                                the command's JSON line (reduce_limit measures it); when omitted it is
//                                computed if needed. Errors answer ["error", name, reason]; an error
//                                after which the engine must not be used again answers
//                                ["fatal", name, reason] (the process sends ["error", name, reason] and exits).
//   toJson(answer)               the JSON text of an answer; null (after logging why, as couchjs does)
//                                when it cannot be serialized, in which case couchjs sends nothing.

// Distinct reduce sources kept compiled; couchjs recompiles on every call, which only differs for a
// reduce function keeping state in its own top-level variables.
var REDUCE_CACHE_LIMIT = 64;

function createQueryServer(options) {
  // Captured before any user code runs: design functions share the JSON object and may replace members.
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var hostLog = options.log;
  var hostExchange = options.exchange;

  var state = {
    funs: [],
    lib: null,
    queryConfig: {},
    compileReduce: compileReduce,
    lineLength: lineLength
  };
  var command = null;
  var commandLength = -1;
  var reduceFuns = {};
  var reduceFunCount = 0;

  // The sandbox's log(): non-strings are logged as their JSON.
  function log(message) {
    if (typeof message !== "string") message = stringify(message);
    hostLog(String(message));
  }

  function exchange(answer) {
    if (!hostExchange) throw ["error", "list_error", "the query server host does not stream list rows"];
    var next = hostExchange(answer);
    return typeof next === "string" ? parse(next) : next;
  }

  var mime = createMime();
  var render = createRender(mime, log, exchange);
  var views = createViews(state, log, stringify);
  var filters = createFilters();
  var compiler = createCompiler();
  var sandbox = {
    emit: views.emit,
    sum: views.sum,
    log: log,
    toJSON: stringify,
    JSON: JSON,
    provides: mime.provides,
    registerType: mime.registerType,
    start: render.start,
    send: render.send,
    getRow: render.getRow,
    isArray: isArrayValue
  };
  var filterSandbox = {};
  for (var name in sandbox) filterSandbox[name] = sandbox[name];
  filterSandbox.emit = filters.emit;

  var ddocs = createDesignDocs(compiler.compile, sandbox, filterSandbox, {
    lists: render.list,
    shows: render.show,
    filters: filters.docs,
    views: filters.view,
    updates: render.update,
    validate_doc_update: validateDocUpdate,
    rewrites: render.rewrite
  });

  function lineLength() {
    if (commandLength < 0) commandLength = stringify(command).length;
    return commandLength;
  }

  function compileReduce(source) {
    var fun = Object.prototype.hasOwnProperty.call(reduceFuns, source) ? reduceFuns[source] : null;
    if (!fun) {
      fun = compiler.compile(source, sandbox, null);
      if (reduceFunCount >= REDUCE_CACHE_LIMIT) {
        reduceFuns = {};
        reduceFunCount = 0;
      }
      reduceFuns[source] = fun;
      reduceFunCount++;
    }
    return fun;
  }

  function reset(config) {
    state.funs = [];
    state.lib = null;
    state.queryConfig = config || {};
    reduceFuns = {};
    reduceFunCount = 0;
    return true;
  }

  function dispatch(cmd) {
    switch (cmd[0]) {
      case "reset":
        return reset(cmd[1]);
      case "add_lib":
        state.lib = cmd[1];
        return true;
      case "add_fun":
        state.funs.push(compiler.compile(cmd[1], sandbox, { views: { lib: state.lib } }));
        return true;
      case "map_doc":
        return views.mapDoc(cmd[1]);
      case "map_docs":
        return views.mapDocs(cmd[1]);
      case "reduce":
        return views.reduce(cmd[1], cmd[2]);
      case "rereduce":
        return views.rereduce(cmd[1], cmd[2]);
      case "ddoc":
        return ddocs.handle(cmd);
      case "validate_docs":
        return ddocs.validateMany(cmd, errorAnswer);
      default:
        throw ["fatal", "unknown_command", "unknown command '" + cmd[0] + "'"];
    }
  }

  function handle(cmd, length) {
    command = cmd;
    commandLength = typeof length === "number" ? length : -1;
    try {
      return dispatch(cmd);
    } catch (e) {
      return errorAnswer(e);
    }
  }

  function toJson(answer) {
    try {
      return stringify(answer);
    } catch (e) {
      log("Error converting object to JSON: " + errorString(e));
      log("error on obj: " + errorString(answer));
      return null;
    }
  }

  return { handle: handle, toJson: toJson };
}

// The answer for anything a command threw (couchjs's handleError).
function errorAnswer(e) {
  // couchjs dies on a null exception (SpiderMonkey's out-of-memory signal) and on undefined.
  if (e === null || e === undefined) return ["fatal", "internal_error", null];
  var type = e[0];
  if (type == "fatal" || type == "error") return e;
  if (e.name == "InternalError") return ["fatal", e.name, e.message];
  if (e.error && e.reason) return ["error", e.error, e.reason];
  if (e.name) return ["error", e.name, errorReason(e)];
  return ["error", "unnamed_error", e.stack];
}
