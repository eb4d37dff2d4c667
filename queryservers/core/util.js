// Small helpers of the query-server core. ES5 only: this file also runs in Jint (ES5.1).

// couchjs's errstr(): SpiderMonkey 91 has no toSource(), so a thrown value prints with toString().
// Values without a usable toString (Object.create(null), cyclic arrays in some engines) fall back
// to their class tag instead of raising a second error.
function errorString(value) {
  try {
    return String(value);
  } catch (e) {
    return Object.prototype.toString.call(value);
  }
}

// A JavaScript Error (TypeError, ReferenceError, ...) as opposed to a thrown plain value. The core
// and user code share one realm, so instanceof is reliable; couchjs's own test (name && stack)
// is kept for error-like objects.
function isJsError(value) {
  return value instanceof Error || !!(value.name && value.stack);
}

// What couchjs sends as the reason of ["error", e.name, e]: JSON.stringify(e). For an Error only
// fields the user added serialize there (message and stack are not own enumerable properties in
// SpiderMonkey); engines disagree on that, so they are left out explicitly.
function errorReason(e) {
  if (!(e instanceof Error)) return e;
  var reason = {};
  for (var key in e) {
    if (key !== "message" && key !== "stack" && Object.prototype.hasOwnProperty.call(e, key)) {
      reason[key] = e[key];
    }
  }
  return reason;
}

// The sandbox's isArray(): works for arrays of any realm, as couchjs's does.
function isArrayValue(value) {
  return Object.prototype.toString.call(value) === "[object Array]";
}

// couchjs seals every document before map functions see it (Couch.recursivelySeal): a map
// function cannot change what the next function, or the next emit, sees. The built-ins are held in
// the closure: in a V8 context every global lookup goes through the context's interceptor, and this
// runs for every object of every mapped document.
function createDeepFreeze() {
  var freeze = Object.freeze;
  var isFrozen = Object.isFrozen;
  var classOf = Object.prototype.toString;

  function deepFreeze(value) {
    freeze(value);
    var child, i;
    if (classOf.call(value) === "[object Array]") {
      for (i = 0; i < value.length; i++) {
        child = value[i];
        if (typeof child === "object" && child !== null && !isFrozen(child)) deepFreeze(child);
      }
      return;
    }
    for (var key in value) {
      child = value[key];
      if (typeof child === "object" && child !== null && !isFrozen(child)) deepFreeze(child);
    }
  }

  return deepFreeze;
}
