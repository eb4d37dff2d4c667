// Changes filters, views used as filters (_view filter) and validate_doc_update.

function createFilters() {
  var viewEmitted = false;

  // The emit() of a view compiled as a filter: it only records that the document passed.
  function emit() {
    viewEmitted = true;
  }

  // args: [docs, req] -> [true, [passes, ...]]
  function filterDocs(fun, ddoc, args) {
    var docs = args[0];
    var req = args[1];
    var results = [];
    for (var i = 0; i < docs.length; i++) results.push((fun.apply(ddoc, [docs[i], req]) && true) || false);
    return [true, results];
  }

  // args: [docs]; fun is the view's map function compiled with the emit above.
  function filterView(fun, ddoc, args) {
    var docs = args[0];
    var results = [];
    for (var i = 0; i < docs.length; i++) {
      viewEmitted = false;
      fun(docs[i]);
      results.push(viewEmitted);
    }
    return [true, results];
  }

  return { emit: emit, docs: filterDocs, view: filterView };
}

// args: [newDoc, oldDoc, userCtx, secObj] -> 1, or whatever the function threw ({forbidden: msg},
// {unauthorized: msg}, ...). JavaScript errors are not a verdict: they fail the command.
function validateDocUpdate(fun, ddoc, args) {
  try {
    fun.apply(ddoc, args);
    return 1;
  } catch (error) {
    if (isJsError(error)) throw error;
    return error;
  }
}
