using System.Globalization;
using System.Text;
using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.Http.Changes;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Endpoints;

// The normal feed: one pass over one snapshot. Its ETag names the database state, not the query (as
// CouchDB's, made from the database info), and If-None-Match with it answers 304.
public static partial class ChangesEndpoints
{
    private static async Task Normal(CouchRequest r, CouchDatabase db, ChangesQuery query)
    {
        using var reader = db.OpenReader();
        string etag = ETag(db, reader);
        var response = r.Response;
        response.Headers.ETag = etag;
        if (EtagMatches(r, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        // Descending feeds start at the top whatever since says.
        long since = query.Options.Descending ? reader.UpdateSeq : query.ResolveSince(reader.UpdateSeq);
        var writer = FeedWriter.For(query.Feed, response, r.Aborted);
        response.StatusCode = StatusCodes.Status200OK;
        writer.Headers();
        if (HttpMethods.IsHead(r.Method)) return;

        var scan = new ChangesScan(query.Options);
        // The first row is read before the body starts, so a filter function that fails is still a
        // plain error answer (chttpd's delayed response).
        using var rows = scan.Pass(reader, since).GetEnumerator();
        bool more = rows.MoveNext();
        writer.Start();
        for (; more; more = rows.MoveNext())
        {
            writer.Row(rows.Current);
            await writer.FlushIfFull().ConfigureAwait(false);
        }
        writer.Stop(scan.LastSeq, scan.Pending);
        await writer.Flush().ConfigureAwait(false);
    }

    // chttpd:make_etag: an md5 in base 36, quoted.
    private static string ETag(CouchDatabase db, DbReader reader)
    {
        var header = reader.Header;
        string state = string.Join('\n', db.Name, header.CreatedMicros, header.UpdateSeq, header.PurgeSeq);
        return Md5ETag.Of(Encoding.UTF8.GetBytes(state));
    }

    // couch_httpd:etag_match: any of the If-None-Match tags, weak or not.
    private static bool EtagMatches(CouchRequest r, string etag)
    {
        foreach (string? header in r.Http.Headers.IfNoneMatch)
        {
            foreach (string tag in (header ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
                if ((tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag) return true;
        }
        return false;
    }
}
