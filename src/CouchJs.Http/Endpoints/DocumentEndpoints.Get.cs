using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Http.Multipart;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CouchJs.Http.Endpoints;

public static partial class DocumentEndpoints
{
    private const string EncodedDesignPrefix = "_design%2F";

    /// <summary>
    /// GET/HEAD of a document (chttpd_db:db_doc_req GET): the winner or <c>?rev=</c>, ETag and
    /// If-None-Match when no meta field is shown, multipart/related when attachments are asked and the
    /// client accepts it; <c>open_revs</c> is answered by <see cref="OpenRevs"/>.
    /// </summary>
    private static async Task Get(CouchRequest r, string dbName, string docId)
    {
        var db = DatabaseEndpoints.Open(r, dbName);
        if (r.Path[1].StartsWith(DocIds.DesignPrefix, StringComparison.Ordinal) && TryRedirectDesign(r)) return;
        var query = DocQuery.Parse(r);
        using var reader = db.OpenReader();
        if (query.AsksOpenRevs)
        {
            await OpenRevs(r, reader, docId, query).ConfigureAwait(false);
            return;
        }
        // latest=true opens the winner whatever rev says, as chttpd does.
        var rev = query.Latest ? null : query.Rev;
        var leaf = OpenRevision(reader, docId, rev, query.Deleted, out var info);
        var options = rev is null ? query.WinnerOptions : query.RevOptions;
        if (!ShowsMeta(info, leaf, options))
        {
            string etag = Etag(leaf.Rev);
            if (IfNoneMatch(r, etag))
            {
                NotModified(r, etag);
                return;
            }
            r.Response.Headers.ETag = etag;
        }
        if (options.Attachments && leaf.Value is { Attachments.Length: > 0 } && AcceptHeader.Accepts(r.Http, "multipart/related"))
        {
            await SendRelated(r, reader, info, leaf, options).ConfigureAwait(false);
            return;
        }
        await JsonResponse.WriteRaw(r.Context, 200, DocJsonWriter.Render(reader, info, leaf, options)).ConfigureAwait(false);
    }

    // chttpd sends an ETag only when the document carries no meta fields (couch_doc's #doc.meta is empty).
    private static bool ShowsMeta(DocInfo info, RevLeaf<RevBody> leaf, DocRenderOptions options)
    {
        if (options.RevsInfo || options.LocalSeq) return true;
        if (!options.Conflicts && !options.DeletedConflicts) return false;
        foreach (var other in info.Tree.Leaves())
        {
            if (other.Rev == leaf.Rev) continue;
            if (DocInfo.IsDeleted(other.Value) ? options.DeletedConflicts : options.Conflicts) return true;
        }
        return false;
    }

    // chttpd_db:send_doc_efficiently: the JSON with "follows" stubs, then each attachment's stored bytes.
    private static async Task SendRelated(CouchRequest r, DbReader reader, DocInfo info, RevLeaf<RevBody> leaf, DocRenderOptions options)
    {
        options = options with { Follows = true, AttEncodingInfo = true };
        var json = DocJsonWriter.Render(reader, info, leaf, options);
        var doc = new RelatedDocument(json, DocJsonWriter.AttachmentsWithData(leaf, options), reader.File, Boundary.New());
        var response = r.Response;
        response.StatusCode = 200;
        response.ContentType = doc.ContentType;
        response.ContentLength = doc.Length;
        if (HttpMethods.IsHead(r.Method)) return;
        await doc.WriteTo(response.BodyWriter, r.Aborted).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    // GET /db/_design%2Fx answers 301 to /db/_design/x (chttpd_db:db_req), the rest of the target kept.
    internal static bool TryRedirectDesign(CouchRequest r)
    {
        string raw = r.Context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? r.Http.Path.Value ?? "/";
        int at = raw.IndexOf(EncodedDesignPrefix, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return false;
        string target = raw[..at] + DocIds.DesignPrefix + raw[(at + EncodedDesignPrefix.Length)..];
        r.Response.StatusCode = 301;
        r.Response.Headers.Location = DatabaseEndpoints.AbsoluteUrl(r, target.TrimStart('/'));
        return true;
    }
}
