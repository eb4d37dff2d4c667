using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Queries;

namespace CouchJs.Http.Endpoints;

// POST /{db}/_all_docs/queries (and _design_docs, _local_docs): {"queries":[{…},…]} answered as
// {"results":[…]}, every query read from the same snapshot (chttpd_db:multi_all_docs_view).
public static partial class AllDocsEndpoints
{
    /// <summary><paramref name="resource"/> is <c>_all_docs</c>, <c>_design_docs</c> or <c>_local_docs</c>.</summary>
    public static async Task Queries(CouchRequest r, string db, string resource)
    {
        var scope = resource switch
        {
            "_design_docs" => Scope.Design,
            "_local_docs" => Scope.Local,
            _ => Scope.All,
        };
        var database = DatabaseEndpoints.Open(r, db);
        // The query string is every query's base; each query's members override it.
        var common = new ViewQueryOptions();
        common.ApplyQueryString(r.Http.QueryString);
        using var body = await JsonBody.ReadObject(r, requireJsonType: false).ConfigureAwait(false);
        if (!body.RootElement.TryGetProperty("queries", out var queries))
            throw CouchException.BadRequest("POST body must include `queries` parameter.");
        if (queries.ValueKind != JsonValueKind.Array) throw CouchException.BadRequest("`queries` member must be an array.");

        var all = new List<ViewQueryOptions>(queries.GetArrayLength());
        foreach (var query in queries.EnumerateArray())
        {
            if (query.ValueKind != JsonValueKind.Object) throw CouchException.BadRequest("Each query must be a JSON object.");
            var options = common.ForSubQuery();
            options.ApplyJson(query);
            Validate(options);
            all.Add(options);
        }

        using var reader = database.OpenReader();
        var writer = ViewRowsWriter.Start(r.Context, multi: true);
        foreach (var options in all)
        {
            await WriteResult(writer, reader, scope, options).ConfigureAwait(false);
            writer.EndResult();
        }
        await writer.Finish().ConfigureAwait(false);
    }
}
