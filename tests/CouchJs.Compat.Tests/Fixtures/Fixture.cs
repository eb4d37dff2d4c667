using System.Text.Json.Nodes;

namespace CouchJs.Compat.Tests.Fixtures;

/// <summary>One fixture file: a named sequence of HTTP exchanges replayed against a fresh database.</summary>
/// <param name="Path">Relative to <c>fixtures/</c>, with forward slashes.</param>
/// <param name="Source">Where the expected answers come from: a seed section or a CouchDB doc or source file.</param>
/// <param name="CreateDb">Whether the harness creates <c>{{db}}</c> before the first exchange.</param>
public sealed record Fixture(
    string Path, string Name, string Description, string Source, bool CreateDb, IReadOnlyList<Exchange> Exchanges);

/// <summary>One request and what the server must answer to it.</summary>
/// <param name="Number">1-based position in the file, for reports.</param>
public sealed record Exchange(int Number, string? Comment, FixtureRequest Request, FixtureResponse Response);

/// <summary>
/// A request template. <paramref name="Body"/> is sent as JSON (Content-Type application/json
/// unless the headers say otherwise), <paramref name="BodyText"/> as raw UTF-8.
/// </summary>
public sealed record FixtureRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool HasBody,
    JsonNode? Body,
    string? BodyText,
    bool AsAdmin);

/// <summary>
/// An expected response. Headers map to a template or null (must be absent); the body is a JSON
/// template or text template; neither means the body is not checked.
/// </summary>
public sealed record FixtureResponse(
    int Status,
    IReadOnlyDictionary<string, string?> Headers,
    bool HasBody,
    JsonNode? Body,
    string? BodyText,
    bool Partial);
