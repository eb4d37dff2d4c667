// Turning design-document source text into functions, the way couchjs's Couch.compileFunction does.

// The globals couchjs puts in a sandbox, in the order the evaluators take them as parameters.
var SANDBOX_NAMES = ["emit", "sum", "log", "toJSON", "JSON", "provides", "registerType", "start", "send",
  "getRow", "isArray"];

// Returns {compile, evaluate}. User code is evaluated by functions made with the Function
// constructor, so it runs in the global scope and never sees the core's closures; the sandbox
// globals arrive as parameters, and a direct eval inside gives couchjs's evalcx behaviour: the
// completion value of the program is the result, and a program's own top-level vars stay private
// to it (couchjs gives every compiled function a fresh sandbox).
function createCompiler() {
  var count = SANDBOX_NAMES.length;
  var params = SANDBOX_NAMES.join(", ");
  var runPlain = Function(params, "return eval(arguments[" + count + "]);");
  var runWithRequire = Function(params + ", require", "return eval(arguments[" + (count + 1) + "]);");

  function evaluate(code, sandbox, require) {
    var args = new Array(count);
    for (var i = 0; i < count; i++) args[i] = sandbox[SANDBOX_NAMES[i]];
    if (!require) {
      args.push(code);
      return runPlain.apply(null, args);
    }
    args.push(require, code);
    return runWithRequire.apply(null, args);
  }

  // couchjs wraps "function...}" in parentheses, and otherwise parses the program and turns its
  // last anonymous function declaration into an expression. Without a parser the same is reached by
  // trying the forms in turn; only a SyntaxError moves on to the next form.
  function evaluateFunctionSource(source, sandbox, require) {
    var asExpression, asProgram, i;
    try {
      return evaluate("(" + source + "\n)", sandbox, require);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      asExpression = e;
    }
    try {
      return evaluate(source, sandbox, require);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      asProgram = e;
    }
    var starts = anonymousFunctionStatements(source);
    for (i = starts.length - 1; i >= 0; i--) {
      try {
        return evaluate(source.slice(0, starts[i]) + "0, " + source.slice(starts[i]), sandbox, require);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
      }
    }
    throw /^\s*function\b/.test(source) ? asExpression : asProgram;
  }

  // Compiles a design function. ddoc (when given) is what require() resolves module paths against.
  function compile(source, sandbox, ddoc) {
    if (!source) throw ["error", "not_found", "missing function"];
    source = String(source);
    var require = ddoc ? createRequire(ddoc, sandbox, evaluate) : null;
    var fn;
    try {
      fn = evaluateFunctionSource(source, sandbox, require);
    } catch (err) {
      throw ["error", "compilation_error", errorString(err) + " (" + source + ")"];
    }
    if (typeof fn === "function") return fn;
    throw ["error", "compilation_error", "Expression does not eval to a function. (" + source + ")"];
  }

  return { compile: compile, evaluate: evaluate };
}

// Offsets of "function (" at the start of a statement (after ";", "}" or at the beginning): the
// anonymous function declarations couchjs accepts, e.g. "var n = 0; function(doc) {...}".
function anonymousFunctionStatements(source) {
  var pattern = /(^|[;}])\s*function\s*\(/g;
  var starts = [];
  var match;
  while ((match = pattern.exec(source)) !== null) {
    starts.push(match.index + match[0].indexOf("function"));
  }
  return starts;
}
