using CouchJs.Database;
using CouchJs.DesignFunctions.Designs;

namespace CouchJs.Http.DesignFunctions;

/// <summary>
/// What a show or an update runs on (chttpd_show): the design doc, the function's name (404
/// <c>missing json key: …</c> when the design doc lacks it) and the document the rest of the path
/// names (a docid may hold slashes): its winning revision with its conflicts, or JSON null when it is
/// missing or deleted, as <see cref="Doc"/>.
/// </summary>
internal sealed record DocFunctionTarget(CouchDatabase Database, DesignDoc Ddoc, string Name, string? DocId, byte[] Doc, string? DocRev)
{
    /// <param name="section">The design doc member holding the function: "shows" or "updates".</param>
    /// <param name="error">The error of a path without a function name: "show_error" or "update_error".</param>
    public static DocFunctionTarget Resolve(CouchRequest r, string db, string ddocName, string section, string error)
    {
        var database = Endpoints.DatabaseEndpoints.Open(r, db);
        var functions = r.Services.DesignFunctions;
        var ddoc = functions.Designs.Current(database).Get("_design/" + ddocName);
        if (r.Path.Count < 5) throw new CouchException(404, error, "Invalid path.");
        string name = r.Path[4];
        ddoc.Require(section, name);
        string? docId = r.Path.Count > 5 ? r.Path.Join(5) : null;
        if (docId is null) return new(database, ddoc, name, null, "null"u8.ToArray(), null);
        using var reader = database.OpenReader();
        if (reader.Get(docId) is not { Deleted: false } info) return new(database, ddoc, name, docId, "null"u8.ToArray(), null);
        var doc = functions.Docs.Stored(reader, info, info.Winner, conflicts: true);
        return new(database, ddoc, name, docId, doc, info.Winner.Rev.ToString());
    }
}
