// Accept-header matching (Joe Gregorio's mimeparse, as bundled with couchjs) for provides().

function stripSpaces(text) {
  return text.replace(/^\s+/, "").replace(/\s+$/, "");
}

// "application/xhtml;q=0.5" -> ["application", "xhtml", {q: "0.5"}]
function parseMimeType(mimeType) {
  var params = {};
  var parts = mimeType.split(";");
  for (var i = 0; i < parts.length; i++) {
    var pair = parts[i].split("=");
    if (pair.length === 2) params[stripSpaces(pair[0])] = stripSpaces(pair[1]);
  }
  var fullType = stripSpaces(parts[0]);
  if (fullType === "*") fullType = "*/*";
  var typeParts = fullType.split("/");
  return [typeParts[0], typeParts[1], params];
}

// parseMimeType with a guaranteed q parameter ("1" when absent, unparsable or out of [0, 1]).
function parseMediaRange(range) {
  var parsed = parseMimeType(range);
  var params = parsed[2];
  if (!params.q) {
    params.q = "1";
  } else {
    var q = parseFloat(params.q);
    if (isNaN(q) || q > 1 || q < 0) params.q = "1";
  }
  return parsed;
}

// [fitness, q] of the best range matching mimeType; [-1, 0] when none matches.
function fitnessAndQuality(mimeType, parsedRanges) {
  var bestFitness = -1;
  var bestQ = 0;
  var target = parseMediaRange(mimeType);
  var targetType = target[0], targetSubtype = target[1], targetParams = target[2];
  for (var i = 0; i < parsedRanges.length; i++) {
    var type = parsedRanges[i][0], subtype = parsedRanges[i][1], params = parsedRanges[i][2];
    if ((type == targetType || type == "*" || targetType == "*") &&
        (subtype == targetSubtype || subtype == "*" || targetSubtype == "*")) {
      var matchCount = 0;
      for (var param in targetParams) {
        if (param != "q" && params[param] && params[param] == targetParams[param]) matchCount += 1;
      }
      var fitness = (type == targetType) ? 100 : 0;
      fitness += (subtype == targetSubtype) ? 10 : 0;
      fitness += matchCount;
      if (fitness > bestFitness) {
        bestFitness = fitness;
        bestQ = params.q;
      }
    }
  }
  return [bestFitness, parseFloat(bestQ)];
}

// The supported mime type that best matches an Accept header, or "" when none is acceptable.
// The candidates are ordered with the default (string) sort, exactly as couchjs does.
function bestMimeMatch(supported, header) {
  var rangeParts = header.split(",");
  var parsedHeader = [];
  for (var i = 0; i < rangeParts.length; i++) parsedHeader.push(parseMediaRange(rangeParts[i]));
  var weighted = [];
  for (var j = 0; j < supported.length; j++) {
    weighted.push([fitnessAndQuality(supported[j], parsedHeader), j, supported[j]]);
  }
  weighted.sort();
  var best = weighted[weighted.length - 1];
  return best[0][1] ? best[2] : "";
}
