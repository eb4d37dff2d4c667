namespace CouchJs.DesignFunctions.Rewrites;

/// <summary>What a rewrite decided: serve another request, or answer at once.</summary>
public abstract record RewriteOutcome;

/// <summary>
/// Serve <paramref name="Target"/> (path and query, percent-encoded) instead, with the method, headers
/// (merged over the request's) and body a rewrite function may give; null keeps the request's.
/// </summary>
public sealed record RewriteTo(
    string Target,
    string? Method = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null,
    string? Body = null) : RewriteOutcome;

/// <summary>A rewrite function's immediate answer (<c>code</c>, <c>headers</c>, <c>body</c>; no body: the request's).</summary>
public sealed record RewriteRespond(int Code, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body) : RewriteOutcome;
