namespace CouchJs.Database;

/// <summary>
/// A CouchDB error as clients see it: HTTP status, the <c>error</c> name and the <c>reason</c> text.
/// The database layer throws it for bad input and conflicts; the HTTP layer writes it unchanged.
/// </summary>
public sealed class CouchException(int status, string error, string reason) : Exception($"{error}: {reason}")
{
    public int Status { get; } = status;

    public string Error { get; } = error;

    public string Reason { get; } = reason;

    public static CouchException BadRequest(string reason) => new(400, "bad_request", reason);

    public static CouchException NotFound(string reason = "missing") => new(404, "not_found", reason);

    public static CouchException Conflict() => new(409, "conflict", "Document update conflict.");

    public static CouchException DbNotFound() => new(404, "not_found", "Database does not exist.");
}
