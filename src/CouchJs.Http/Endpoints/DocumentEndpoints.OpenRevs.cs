using System.Buffers;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.Http.Multipart;
using CouchJs.Http.Responses;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Endpoints;

public static partial class DocumentEndpoints
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// GET with <c>open_revs</c>: every leaf (<c>all</c>) or the given revs (with <c>latest</c>, the
    /// leaves below them), found revisions first, then missing ones, each sorted by rev as fabric's
    /// replies are. A JSON array of <c>{"ok":doc}</c>/<c>{"missing":rev}</c>, or multipart/mixed when
    /// the client accepts it (chttpd_db:send_docs_multipart).
    /// </summary>
    private static async Task OpenRevs(CouchRequest r, DbReader reader, string docId, DocQuery query)
    {
        var info = reader.Get(docId);
        var (found, missing) = SelectRevisions(info, query);
        if (query.OpenAll && found.Count == 0) throw CouchException.NotFound();
        var response = r.Response;
        response.StatusCode = 200;
        if (AcceptHeader.Accepts(r.Http, "multipart/mixed"))
        {
            var mixed = new MixedWriter(response.BodyWriter, Boundary.New());
            response.ContentType = mixed.ContentType;
            if (HttpMethods.IsHead(r.Method)) return;
            await WriteMixed(r, reader, info, found, missing, query.OpenRevsOptions, mixed).ConfigureAwait(false);
            return;
        }
        CouchHeaders.Apply(response);
        if (HttpMethods.IsHead(r.Method)) return;
        await WriteJsonArray(r, reader, info, found, missing, query.OpenRevsOptions).ConfigureAwait(false);
    }

    private static (List<RevLeaf<RevBody>> Found, List<Rev> Missing) SelectRevisions(DocInfo? info, DocQuery query)
    {
        var found = new List<RevLeaf<RevBody>>();
        var missing = new HashSet<Rev>();
        if (query.OpenAll)
        {
            if (info is not null) found.AddRange(info.Tree.Leaves());
        }
        else if (info is null)
        {
            missing.UnionWith(query.OpenRevs!);
        }
        else if (query.Latest)
        {
            var leaves = info.Tree.LeavesOf(query.OpenRevs!, out var unknown);
            foreach (var leaf in leaves) AddFound(found, missing, leaf, leaf.Rev);
            missing.UnionWith(unknown);
        }
        else
        {
            foreach (var rev in query.OpenRevs!) AddFound(found, missing, info.Tree.Find(rev), rev);
        }
        found.Sort(static (a, b) => a.Rev.CompareTo(b.Rev));
        var missingSorted = missing.ToList();
        missingSorted.Sort();
        return (found, missingSorted);
    }

    private static void AddFound(List<RevLeaf<RevBody>> found, HashSet<Rev> missing, RevLeaf<RevBody>? leaf, Rev rev)
    {
        if (Available(leaf) is not { } available) missing.Add(rev);
        else if (!found.Exists(f => f.Rev == rev)) found.Add(available);
    }

    private static async Task WriteJsonArray(
        CouchRequest r, DbReader reader, DocInfo? info, List<RevLeaf<RevBody>> found, List<Rev> missing, DocRenderOptions options)
    {
        var output = r.Response.BodyWriter;
        output.Write("["u8);
        bool first = true;
        long unflushed = 0;
        foreach (var leaf in found)
        {
            output.Write(first ? "{\"ok\":"u8 : ",{\"ok\":"u8);
            first = false;
            var json = DocJsonWriter.Render(reader, info!, leaf, options);
            output.Write(json);
            output.Write("}"u8);
            unflushed += json.Length;
            if (unflushed >= FlushThreshold)
            {
                await output.FlushAsync(r.Aborted).ConfigureAwait(false);
                unflushed = 0;
            }
        }
        foreach (var rev in missing)
        {
            if (!first) output.Write(","u8);
            first = false;
            output.Write(MissingJson(rev));
        }
        output.Write("]\n"u8);
        await output.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    private static async Task WriteMixed(
        CouchRequest r, DbReader reader, DocInfo? info, List<RevLeaf<RevBody>> found, List<Rev> missing, DocRenderOptions options,
        MixedWriter mixed)
    {
        // Every part carries its attachments, following the JSON (chttpd adds attachments and follows).
        options = options with { Attachments = true, Follows = true, AttEncodingInfo = true };
        string inner = Boundary.New();
        mixed.Start();
        foreach (var leaf in found)
        {
            var json = DocJsonWriter.Render(reader, info!, leaf, options);
            var doc = new RelatedDocument(json, DocJsonWriter.AttachmentsWithData(leaf, options), reader.File, inner);
            await mixed.WriteDocument(doc, r.Aborted).ConfigureAwait(false);
        }
        foreach (var rev in missing) mixed.WriteError(MissingJson(rev));
        mixed.End();
        await r.Response.BodyWriter.FlushAsync(r.Aborted).ConfigureAwait(false);
    }

    private static byte[] MissingJson(Rev rev)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer, CouchJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("missing", rev.ToString());
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
