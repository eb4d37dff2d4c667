using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;

namespace CouchJs.Http.Endpoints;

public static partial class DocumentEndpoints
{
    /// <summary>
    /// COPY of a document or <c>_local</c> document (chttpd_db:db_doc_req COPY): the source's winner or
    /// <c>?rev=</c>/<c>If-Match</c> revision is written under the <c>Destination</c> id, with
    /// <c>Destination: id?rev=x</c> to overwrite an existing target. Attachments come along as stored
    /// (same data and revpos). 201 with Location and ETag.
    /// </summary>
    internal static async Task Copy(CouchRequest r, string dbName, string sourceId)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        string? queryRev = r.Query("rev");
        var sourceRev = HeaderRev(r, queryRev is null ? null : ParseRev(queryRev));
        var (targetId, targetRev) = ParseDestination(r);
        // The snapshot stays open until the copy is written: its attachments' chunks are read from it.
        using var reader = db.OpenReader();
        var copy = ReadCopySource(reader, sourceId, sourceRev);
        DocIds.Validate(targetId);
        string rev;
        if (DocIds.IsLocal(targetId))
        {
            rev = await db.UpdateLocal(targetId, targetRev?.ToString(), copy.Deleted, copy.Body).ConfigureAwait(false);
        }
        else
        {
            copy.Id = targetId;
            if (targetRev is { } parent)
            {
                copy.RevPos = parent.Pos;
                copy.RevHashes = [parent.Hash];
            }
            rev = (await db.UpdateDoc(copy).ConfigureAwait(false)).Rev!.Value.ToString();
        }
        await Updated(r, 201, targetId, rev, "\"" + rev + "\"", DocumentUrl(r, dbName, targetId)).ConfigureAwait(false);
    }

    private static IncomingDoc ReadCopySource(DbReader reader, string sourceId, Rev? sourceRev)
    {
        if (DocIds.IsLocal(sourceId))
        {
            var local = LocalDocEndpoints.Open(reader, sourceId, sourceRev);
            return new IncomingDoc { Body = local.Body };
        }
        var leaf = OpenRevision(reader, sourceId, sourceRev, allowDeleted: false, out _);
        var body = leaf.Value!;
        var attachments = new List<IncomingAttachment>(body.Attachments.Length);
        foreach (var att in body.Attachments)
            attachments.Add(new IncomingAttachment { Name = att.Name, ContentType = att.ContentType, Stored = att, StoredIn = reader.File });
        return new IncomingDoc { Body = reader.ReadBody(body), Deleted = body.Deleted, Attachments = attachments };
    }

    // couch_httpd_db:parse_copy_destination_header: a relative id, optionally "?rev=…" (the rev to replace).
    private static (string Id, Rev? Rev) ParseDestination(CouchRequest r)
    {
        if (!r.Http.Headers.TryGetValue("Destination", out var header))
            throw CouchException.BadRequest("Destination header is mandatory for COPY.");
        string destination = header.ToString();
        if (destination.StartsWith("http://", StringComparison.Ordinal) || destination.StartsWith("https://", StringComparison.Ordinal))
            throw CouchException.BadRequest("Destination URL must be relative.");
        int query = destination.IndexOf('?');
        if (query < 0) return (Unquote(destination), null);
        string revQuery = destination[(query + 1)..];
        return (Unquote(destination[..query]), ParseRev(revQuery[(revQuery.IndexOf('=') + 1)..]));
    }

    // mochiweb's unquote: '+' is a space, %XX a byte.
    private static string Unquote(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
