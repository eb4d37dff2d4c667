using System.Text.Json;
using System.Text.Json.Nodes;
using CouchJs.Compat.Tests.Fixtures;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>Every difference between an expected response and the one that came back: status, listed headers, body.</summary>
public static class ResponseChecker
{
    public static IReadOnlyList<Mismatch> Check(FixtureResponse expected, WireResponse actual, CaptureStore captures)
    {
        var mismatches = new List<Mismatch>();
        if (expected.Status != actual.Status)
            mismatches.Add(new Mismatch("status", $"expected {expected.Status}, got {actual.Status}"));
        mismatches.AddRange(HeaderMatcher.Match(expected.Headers, actual.Headers, captures));
        if (expected.HasBody) mismatches.AddRange(CheckJson(expected, actual, captures));
        else if (expected.BodyText is { } text && !TextMatcher.Match(Template.Parse(text), actual.BodyText, captures))
            mismatches.Add(new Mismatch("body", $"expected text {JsonMatcher.Show(text)}, got {JsonMatcher.Show(actual.BodyText)}"));
        return mismatches;
    }

    private static IEnumerable<Mismatch> CheckJson(FixtureResponse expected, WireResponse actual, CaptureStore captures)
    {
        if (actual.Body.Length == 0) return [new Mismatch("body", "expected a JSON body, got none")];
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(actual.Body);
        }
        catch (JsonException e)
        {
            return [new Mismatch("body", $"not JSON ({e.Message})")];
        }
        return new JsonMatcher(captures, expected.Partial).Match(expected.Body, parsed);
    }
}
