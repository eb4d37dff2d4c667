using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouchJs.Compat.Tests.Fixtures;

/// <summary>
/// Reads a fixture file into a <see cref="Fixture"/>, checking its shape (known keys, types,
/// methods, statuses) and then its placeholders (<see cref="FixtureValidator"/>). Every problem is
/// reported at once so a broken file is fixed in one pass.
/// </summary>
public static class FixtureParser
{
    private static readonly string[] FixtureKeys = ["name", "description", "source", "createDb", "exchanges"];
    private static readonly string[] ExchangeKeys = ["comment", "request", "response"];
    private static readonly string[] RequestKeys = ["method", "path", "headers", "body", "bodyText", "auth"];
    private static readonly string[] ResponseKeys = ["status", "headers", "body", "bodyText", "partial"];
    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "POST", "DELETE", "COPY"];

    public static Fixture Parse(string path, string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new FixtureFormatException(path, [$"not valid JSON: {e.Message}"]);
        }
        if (root is not JsonObject obj) throw new FixtureFormatException(path, ["the file must hold a JSON object"]);

        var problems = new List<string>();
        CheckKeys(obj, FixtureKeys, "fixture", problems);
        string name = RequiredString(obj, "name", "fixture", problems);
        string description = RequiredString(obj, "description", "fixture", problems);
        string source = RequiredString(obj, "source", "fixture", problems);
        bool createDb = OptionalBool(obj, "createDb", true, "fixture", problems);
        var exchanges = new List<Exchange>();
        if (obj["exchanges"] is JsonArray { Count: > 0 } list)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (ParseExchange(list[i], i + 1, problems) is { } exchange) exchanges.Add(exchange);
            }
        }
        else problems.Add("fixture: \"exchanges\" must be a non-empty array");

        if (problems.Count > 0) throw new FixtureFormatException(path, problems);
        var fixture = new Fixture(path, name, description, source, createDb, exchanges);
        problems.AddRange(FixtureValidator.Validate(fixture));
        if (problems.Count > 0) throw new FixtureFormatException(path, problems);
        return fixture;
    }

    private static Exchange? ParseExchange(JsonNode? node, int number, List<string> problems)
    {
        string where = $"exchange {number}";
        if (node is not JsonObject obj)
        {
            problems.Add($"{where}: must be an object");
            return null;
        }
        CheckKeys(obj, ExchangeKeys, where, problems);
        string? comment = obj["comment"] is null ? null : RequiredString(obj, "comment", where, problems);
        var request = obj["request"] is JsonObject req ? ParseRequest(req, where + " request", problems) : null;
        var response = obj["response"] is JsonObject resp ? ParseResponse(resp, where + " response", problems) : null;
        if (request is null) problems.Add($"{where}: \"request\" must be an object");
        if (response is null) problems.Add($"{where}: \"response\" must be an object");
        return request is null || response is null ? null : new Exchange(number, comment, request, response);
    }

    private static FixtureRequest ParseRequest(JsonObject obj, string where, List<string> problems)
    {
        CheckKeys(obj, RequestKeys, where, problems);
        string method = RequiredString(obj, "method", where, problems);
        if (method.Length > 0 && !Methods.Contains(method))
            problems.Add($"{where}: method \"{method}\" is not one of {string.Join(", ", Methods)}");
        string path = RequiredString(obj, "path", where, problems);
        if (path.Length > 0 && !path.StartsWith('/')) problems.Add($"{where}: path must start with '/'");
        var headers = new List<KeyValuePair<string, string>>();
        if (obj["headers"] is { } h)
        {
            if (h is JsonObject ho)
            {
                foreach (var (key, value) in ho)
                {
                    if (value is JsonValue v && v.TryGetValue(out string? text)) headers.Add(KeyValuePair.Create(key, text));
                    else problems.Add($"{where}: header \"{key}\" must be a string");
                }
            }
            else problems.Add($"{where}: \"headers\" must be an object");
        }
        CheckOneBody(obj, where, problems);
        string auth = obj["auth"] is null ? "admin" : RequiredString(obj, "auth", where, problems);
        if (auth is not ("admin" or "none")) problems.Add($"{where}: \"auth\" must be \"admin\" or \"none\"");
        return new FixtureRequest(method, path, headers, obj.ContainsKey("body"), obj["body"]?.DeepClone(),
            OptionalString(obj, "bodyText", where, problems), auth == "admin");
    }

    private static FixtureResponse ParseResponse(JsonObject obj, string where, List<string> problems)
    {
        CheckKeys(obj, ResponseKeys, where, problems);
        int status = 0;
        if (obj["status"] is JsonValue s && s.TryGetValue(out int code) && code is >= 100 and <= 599) status = code;
        else problems.Add($"{where}: \"status\" must be an HTTP status code");
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (obj["headers"] is { } h)
        {
            if (h is JsonObject ho)
            {
                foreach (var (key, value) in ho)
                {
                    if (value is null) headers[key] = null;
                    else if (value is JsonValue v && v.TryGetValue(out string? text)) headers[key] = text;
                    else problems.Add($"{where}: header \"{key}\" must be a string or null");
                }
            }
            else problems.Add($"{where}: \"headers\" must be an object");
        }
        CheckOneBody(obj, where, problems);
        bool partial = OptionalBool(obj, "partial", false, where, problems);
        if (partial && !obj.ContainsKey("body")) problems.Add($"{where}: \"partial\" needs a JSON \"body\"");
        return new FixtureResponse(status, headers, obj.ContainsKey("body"), obj["body"]?.DeepClone(),
            OptionalString(obj, "bodyText", where, problems), partial);
    }

    private static void CheckOneBody(JsonObject obj, string where, List<string> problems)
    {
        if (obj.ContainsKey("body") && obj.ContainsKey("bodyText"))
            problems.Add($"{where}: give \"body\" or \"bodyText\", not both");
    }

    private static void CheckKeys(JsonObject obj, string[] allowed, string where, List<string> problems)
    {
        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key)) problems.Add($"{where}: unknown key \"{key}\" (allowed: {string.Join(", ", allowed)})");
        }
    }

    private static string RequiredString(JsonObject obj, string key, string where, List<string> problems)
    {
        if (obj[key] is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0) return text;
        problems.Add($"{where}: \"{key}\" must be a non-empty string");
        return "";
    }

    private static string? OptionalString(JsonObject obj, string key, string where, List<string> problems)
    {
        if (!obj.ContainsKey(key)) return null;
        if (obj[key] is JsonValue v && v.TryGetValue(out string? text)) return text;
        problems.Add($"{where}: \"{key}\" must be a string");
        return null;
    }

    private static bool OptionalBool(JsonObject obj, string key, bool fallback, string where, List<string> problems)
    {
        if (!obj.ContainsKey(key)) return fallback;
        if (obj[key] is JsonValue v && v.TryGetValue(out bool value)) return value;
        problems.Add($"{where}: \"{key}\" must be true or false");
        return fallback;
    }
}
