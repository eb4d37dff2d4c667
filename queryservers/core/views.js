// Map and reduce (couchjs's views.js), plus the batched map_docs extension.

// couchjs's reduce_limit: an output over this many characters that is also more than half of the
// input (the command line minus the reduce sources) is a reduce_overflow_error.
var REDUCE_LIMIT_CHARS = 4096;

// state: {funs, queryConfig, lineLength()}; log: the sandbox log; stringify: JSON.stringify.
function createViews(state, log, stringify) {
  var mapResults = [];
  var deepFreeze = createDeepFreeze();

  function emit(key, value) {
    mapResults.push([key, value]);
  }

  // for-in, as couchjs: holes are skipped and extra enumerable members are added too.
  function sum(values) {
    var total = 0;
    for (var i in values) total += values[i];
    return total;
  }

  // A function that throws for a document (or a reduction) is logged and contributes nothing;
  // throwing "fatal_error" aborts the command, a ["fatal", ...] array ends the process.
  function handleViewError(err, doc) {
    if (err == "fatal_error") throw ["error", "map_runtime_error", "function raised 'fatal_error'"];
    if (err[0] == "fatal") throw err;
    var message = "function raised exception " + errorString(err);
    if (doc) message += " with doc._id " + doc._id;
    log(message);
  }

  // [[[key, value], ...] per map function]
  function mapDoc(doc) {
    if (typeof doc === "object" && doc !== null) deepFreeze(doc);
    var funs = state.funs;
    var results = [];
    for (var i = 0; i < funs.length; i++) {
      mapResults = [];
      try {
        funs[i](doc);
        results[i] = mapResults;
      } catch (err) {
        handleViewError(err, doc);
        results[i] = [];
      }
    }
    return results;
  }

  // ["map_docs", [doc, ...]]: one map_doc answer per document.
  function mapDocs(docs) {
    var answers = new Array(docs.length);
    for (var i = 0; i < docs.length; i++) answers[i] = mapDoc(docs[i]);
    return answers;
  }

  function runReduce(sources, keys, values, rereduce) {
    var codeSize = 0;
    var funs = new Array(sources.length);
    var i;
    for (i = 0; i < sources.length; i++) {
      codeSize += sources[i].length;
      funs[i] = state.compileReduce(sources[i]);
    }
    var reductions = new Array(funs.length);
    for (i = 0; i < funs.length; i++) {
      try {
        reductions[i] = funs[i](keys, values, rereduce);
      } catch (err) {
        handleViewError(err);
        reductions[i] = null;
      }
    }
    var outputLength = stringify(reductions).length;
    var config = state.queryConfig;
    if (config && config.reduce_limit && outputLength > REDUCE_LIMIT_CHARS) {
      var inputLength = state.lineLength() - codeSize;
      if (outputLength * 2 > inputLength) {
        var message = ["Reduce output must shrink more rapidly:", "input size:", inputLength,
          "output size:", outputLength].join(" ");
        if (config.reduce_limit !== "log") throw ["error", "reduce_overflow_error", message];
        log("reduce_overflow_error: " + message);
      }
    }
    return [true, reductions];
  }

  // kvs: [[[key, docid], value], ...]; the functions get keys as [key, docid] pairs.
  function reduce(sources, kvs) {
    var keys = new Array(kvs.length);
    var values = new Array(kvs.length);
    for (var i = 0; i < kvs.length; i++) {
      keys[i] = kvs[i][0];
      values[i] = kvs[i][1];
    }
    return runReduce(sources, keys, values, false);
  }

  function rereduce(sources, values) {
    return runReduce(sources, null, values, true);
  }

  return {
    emit: emit,
    sum: sum,
    mapDoc: mapDoc,
    mapDocs: mapDocs,
    reduce: reduce,
    rereduce: rereduce
  };
}
