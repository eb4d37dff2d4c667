using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Http.Queries;

namespace CouchJs.Http.Endpoints;

// `keys`: one row per key (fabric_view_all_docs:go/5). The keys are reversed when descending, and
// skip and limit apply to them, not to rows. Deleted documents show; missing ones are errors.
public static partial class AllDocsEndpoints
{
    private static async Task WriteKeys(ViewRowsWriter writer, DbReader reader, Scope scope, ViewQueryOptions options, IReadOnlyList<JsonElement> allKeys)
    {
        var keys = PageKeys(allKeys, options);
        // No offset for keys; total_rows counts the namespace's documents (none for _local).
        long? total = scope switch
        {
            Scope.Local => null,
            Scope.Design => DesignDocCount(reader),
            _ => reader.Counts.DocCount,
        };
        writer.Meta(total, null, options.UpdateSeq, null);

        // Every document key is looked up in one pass over the by-id tree.
        var ids = new List<string>(keys.Count);
        foreach (var key in keys)
            if (key.ValueKind == JsonValueKind.String && !DocIds.IsLocal(key.GetString()!)) ids.Add(key.GetString()!);
        var infos = reader.Get(ids);
        int next = 0;
        var docOptions = options.IncludeDocs ? options.DocOptions : null;
        foreach (var key in keys)
        {
            var w = writer.BeginRow();
            string? id = key.ValueKind == JsonValueKind.String ? key.GetString() : null;
            if (id is not null && DocIds.IsLocal(id))
            {
                if (reader.GetLocal(id) is { } local) WriteLocalRow(w, local, options.IncludeDocs);
                else WriteNotFoundRow(w, key);
            }
            else if (id is not null && infos[next++] is { } info) WriteDocRow(w, reader, info, docOptions);
            else WriteNotFoundRow(w, key);
            await writer.EndRow().ConfigureAwait(false);
        }
    }

    private static List<JsonElement> PageKeys(IReadOnlyList<JsonElement> keys, ViewQueryOptions options)
    {
        int n = keys.Count;
        long count = Math.Max(0, Math.Min(n - options.Skip, options.Limit));
        var page = new List<JsonElement>((int)count);
        for (long j = 0; j < count; j++)
        {
            int i = (int)(options.Skip + j);
            page.Add(keys[options.Descending ? n - 1 - i : i]);
        }
        return page;
    }
}
