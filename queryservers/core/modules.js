// CommonJS require() for design functions: modules are strings inside the design document (for map
// functions: inside views.lib), resolved and cached as couchjs's util.js does.

// Walks a module path ("views/lib/util", "./x", "../y") from mod (the requiring module's parent, or
// the design document root for an absolute path) to the module's source.
function resolveModule(names, mod, root) {
  if (names.length === 0) {
    if (typeof mod.current !== "string") {
      throw ["error", "invalid_require_path", "Must require a JavaScript string, not: " + (typeof mod.current)];
    }
    return { current: mod.current, parent: mod.parent, id: mod.id, exports: {} };
  }
  var name = names.shift();
  if (name === "..") {
    if (!(mod.parent && mod.parent.parent)) {
      throw ["error", "invalid_require_path", "Object has no parent " + JSON.stringify(mod.current)];
    }
    return resolveModule(names, {
      id: mod.id.slice(0, mod.id.lastIndexOf("/")),
      parent: mod.parent.parent,
      current: mod.parent.current
    });
  }
  if (name === ".") {
    if (!mod.parent) {
      throw ["error", "invalid_require_path", "Object has no parent " + JSON.stringify(mod.current)];
    }
    return resolveModule(names, { parent: mod.parent, current: mod.current, id: mod.id });
  }
  if (root) mod = { current: root };
  if (mod.current[name] === undefined) {
    throw ["error", "invalid_require_path",
      "Object has no property \"" + name + "\". " + JSON.stringify(mod.current)];
  }
  return resolveModule(names, {
    current: mod.current[name],
    parent: mod,
    id: mod.id ? mod.id + "/" + name : name
  });
}

// The require() of functions compiled against ddoc. Each module runs once per design document
// (ddoc._module_cache, keyed by module id); an empty exports object is cached before it runs so
// circular requires end instead of recursing.
function createRequire(ddoc, sandbox, evaluate) {
  if (!ddoc._module_cache) ddoc._module_cache = {};
  var cache = ddoc._module_cache;

  function require(name, module) {
    module = module || {};
    var newModule = resolveModule(name.split("/"), module.parent, ddoc);
    if (!Object.prototype.hasOwnProperty.call(cache, newModule.id)) {
      cache[newModule.id] = {};
      var source = "(function (module, exports, require) { " + newModule.current + "\n })";
      try {
        var moduleFunction = evaluate(source, sandbox, require);
        moduleFunction.call(null, newModule, newModule.exports, function (childName) {
          return require(childName, newModule);
        });
      } catch (e) {
        throw ["error", "compilation_error", "Module require('" + name + "') raised error " + errorString(e)];
      }
      cache[newModule.id] = newModule.exports;
    }
    return cache[newModule.id];
  }

  return require;
}
