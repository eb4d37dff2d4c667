using System.Text.Json;

namespace CouchJs.Database;

/// <summary>
/// A CouchDB error as clients see it: HTTP status, the <c>error</c> name and the <c>reason</c> text.
/// The database layer throws it for bad input and conflicts; the HTTP layer writes it unchanged.
/// </summary>
public sealed class CouchException(int status, string error, string reason) : Exception($"{error}: {reason}")
{
    public int Status { get; } = status;

    public string Error { get; } = error;

    /// <summary>The reason as text (for a JSON reason, its JSON text).</summary>
    public string Reason { get; } = reason;

    /// <summary>
    /// A reason that is a JSON value other than a string, written as that value (CouchDB sends what a
    /// validate_doc_update threw, <c>{"forbidden": {…}}</c> included, as it got it); null for text.
    /// </summary>
    public byte[]? ReasonJson { get; init; }

    /// <summary>The <c>"reason"</c> member of an error object.</summary>
    public void WriteReason(Utf8JsonWriter w)
    {
        if (ReasonJson is null)
        {
            w.WriteString("reason", Reason);
            return;
        }
        w.WritePropertyName("reason");
        w.WriteRawValue(ReasonJson, skipInputValidation: true);
    }

    public static CouchException BadRequest(string reason) => new(400, "bad_request", reason);

    public static CouchException NotFound(string reason = "missing") => new(404, "not_found", reason);

    public static CouchException Conflict() => new(409, "conflict", "Document update conflict.");

    public static CouchException DbNotFound() => new(404, "not_found", "Database does not exist.");
}
