using System.Buffers;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

// POST /{db}/_bulk_get: {"docs":[{"id","rev"?,"atts_since"?},…]} answered from one snapshot as
// {"results":[{"id","docs":[{"ok":doc}|{"error":{…}}]}]}, or multipart/mixed (chttpd_db's bulk_get_*).
public static partial class BulkEndpoints
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>An entry's answer: an error, or its revisions (a null leaf is a missing revision).</summary>
    private sealed record BulkGetResult(BulkGetArg Arg, DocInfo? Info, BulkGetError? Error, List<(RevLeaf<RevBody>? Leaf, Rev Rev)> Revisions);

    public static async Task BulkGet(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        using var body = await JsonBody.ReadObject(r, requireJsonType: true).ConfigureAwait(false);
        if (!body.RootElement.TryGetProperty("docs", out var docs) || docs.ValueKind != JsonValueKind.Array)
            throw CouchException.BadRequest("Missing JSON list of 'docs'.");
        var query = BulkGetQuery(r);
        var args = new List<BulkGetArg>(docs.GetArrayLength());
        foreach (var entry in docs.EnumerateArray()) args.Add(ParseBulkGetArg(entry));

        using var reader = database.OpenReader();
        var results = ResolveBulkGet(reader, args, query.Latest);
        var options = query.OpenRevsOptions;
        if (MultipartType(r) is { } multipart) await WriteBulkGetMultipart(r, reader, results, options, multipart).ConfigureAwait(false);
        else await WriteBulkGetJson(r, reader, results, options).ConfigureAwait(false);
    }

    // One by-id lookup for all entries; then each entry's revisions as couch_db:open_doc_revs finds
    // them and fabric_open_revs orders them (couch_key_tree:get_all_leafs).
    private static List<BulkGetResult> ResolveBulkGet(DbReader reader, List<BulkGetArg> args, bool latest)
    {
        var ids = new List<string>(args.Count);
        foreach (var arg in args)
            if (arg.Error is null) ids.Add(arg.Id!);
        var infos = reader.Get(ids);
        var results = new List<BulkGetResult>(args.Count);
        int next = 0;
        foreach (var arg in args)
        {
            if (arg.Error is { } error)
            {
                results.Add(new BulkGetResult(arg, null, error, []));
                continue;
            }
            var info = infos[next++];
            var revisions = new List<(RevLeaf<RevBody>?, Rev)>();
            if (arg.Rev is not { } rev)
            {
                // No rev and no document: CouchDB names the missing revision "undefined".
                if (info is null)
                {
                    results.Add(new BulkGetResult(arg, null, new BulkGetError(arg.Id, "\"undefined\"", "not_found", "missing"), []));
                    continue;
                }
                foreach (var leaf in LeavesInTreeOrder(info.Tree)) revisions.Add((DocumentEndpoints.Available(leaf), leaf.Rev));
            }
            else if (info is null)
            {
                revisions.Add((null, rev));
            }
            else if (latest)
            {
                var leaves = info.Tree.LeavesOf([rev], out var unknown);
                foreach (var leaf in leaves) revisions.Add((DocumentEndpoints.Available(leaf), leaf.Rev));
                foreach (var missing in unknown) revisions.Add((null, missing));
            }
            else
            {
                revisions.Add((DocumentEndpoints.Available(info.Tree.Find(rev)), rev));
            }
            results.Add(new BulkGetResult(arg, info, null, revisions));
        }
        return results;
    }

    // couch_key_tree:get_all_leafs: the last root's leaves first, each root's leaves depth first in rev order.
    private static IEnumerable<RevLeaf<RevBody>> LeavesInTreeOrder(RevTree<RevBody> tree)
    {
        for (int i = tree.Roots.Count - 1; i >= 0; i--)
        {
            var (start, root) = tree.Roots[i];
            foreach (var leaf in tree.LeavesOf([new Rev(start, root.Hash)], out _)) yield return leaf;
        }
    }

    private static DocRenderOptions EntryOptions(BulkGetArg arg, DocRenderOptions options) =>
        arg.AttsSince is { } since ? options with { Attachments = true, AttsSince = since } : options;

    private static async Task WriteBulkGetJson(CouchRequest r, DbReader reader, List<BulkGetResult> results, DocRenderOptions options)
    {
        var response = r.Response;
        response.StatusCode = 200;
        CouchHeaders.Apply(response);
        var output = response.BodyWriter;
        using var w = new Utf8JsonWriter(output, CouchJson.WriterOptions);
        long flushedAt = 0;
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var result in results)
        {
            w.WriteStartObject();
            if (result.Arg.Id is { } id) w.WriteString("id", id);
            else w.WriteNull("id");
            w.WriteStartArray("docs");
            if (result.Error is { } error) WriteEntryError(w, error);
            var entryOptions = EntryOptions(result.Arg, options);
            foreach (var (leaf, rev) in result.Revisions)
            {
                if (leaf is null)
                {
                    WriteEntryError(w, MissingRevision(result.Arg.Id, rev));
                    continue;
                }
                w.WriteStartObject();
                w.WritePropertyName("ok");
                w.WriteRawValue(DocJsonWriter.Render(reader, result.Info!, leaf, entryOptions), skipInputValidation: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            if (w.BytesCommitted + w.BytesPending - flushedAt >= FlushThreshold)
            {
                w.Flush();
                flushedAt = w.BytesCommitted;
                await output.FlushAsync(r.Aborted).ConfigureAwait(false);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.Write("\n"u8);
        await output.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    private static BulkGetError MissingRevision(string? id, Rev rev) => new(id, "\"" + rev + "\"", "not_found", "missing");

    private static void WriteEntryError(Utf8JsonWriter w, BulkGetError error)
    {
        w.WriteStartObject();
        w.WritePropertyName("error");
        WriteErrorMap(w, error);
        w.WriteEndObject();
    }

    // CouchDB builds this as an Erlang map, which its JSON encoder writes in descending key order.
    private static void WriteErrorMap(Utf8JsonWriter w, BulkGetError error)
    {
        w.WriteStartObject();
        w.WritePropertyName("rev");
        w.WriteRawValue(error.RevJson, skipInputValidation: true);
        w.WriteString("reason", error.Reason);
        if (error.Id is { } id) w.WriteString("id", id);
        else w.WriteNull("id");
        w.WriteString("error", error.Error);
        w.WriteEndObject();
    }
}
