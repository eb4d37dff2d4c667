using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Writing;
using CouchJs.QueryServers;
using CouchJs.Views.Reduce;

namespace CouchJs.Views.Design;

/// <summary>
/// couch_mrview:validate, run on every write of a live design document (couch_db:validate_ddoc, after
/// the admin check that design docs get instead of validate_doc_update functions): member types
/// (<see cref="DesignFieldRules"/>), a map in every view, then every view's map and JavaScript reduce
/// compiled in a query server of the design doc's language and every built-in reduce known. Errors
/// are 400 <c>invalid_design_doc</c> or <c>compilation_error</c>; a language no query server speaks
/// is allowed, as CouchDB allows it.
/// </summary>
public sealed class DesignDocValidator(IQueryServerPool pool, Func<QueryServerConfig> config) : IDocWriteGuard
{
    public bool Applies(CouchDatabase database, IReadOnlyList<IncomingDoc> docs)
    {
        foreach (var doc in docs)
            if (IsLiveDesignDoc(doc)) return true;
        return false;
    }

    public async Task<CouchException?[]> Check(DocWrite write)
    {
        var errors = new CouchException?[write.Docs.Count];
        for (int i = 0; i < errors.Length; i++)
            if (IsLiveDesignDoc(write.Docs[i])) errors[i] = await Validate(write.Docs[i]).ConfigureAwait(false);
        return errors;
    }

    private static bool IsLiveDesignDoc(IncomingDoc doc) => !doc.Deleted && DocIds.IsDesign(doc.Id!);

    /// <summary>Null when the design document may be stored, else its 400 error.</summary>
    public async Task<CouchException?> Validate(IncomingDoc doc)
    {
        using var json = JsonDocument.Parse(doc.Body);
        var root = json.RootElement;
        if (DesignFieldRules.FirstError(root) is { } fieldError) return Invalid(fieldError);
        if (MissingMap(root) is { } view) return Invalid($"View `{view}` must contain map function");
        var design = DesignDocument.Parse(doc.Id!, "", doc.Body);
        if (design.Views.Count == 0) return null;
        QueryServerLease lease;
        try
        {
            lease = await pool.Acquire(design.Language, CancellationToken.None).ConfigureAwait(false);
        }
        catch (QueryServerException e) when (e.Error == "unknown_query_language")
        {
            return null;
        }
        await using (lease.ConfigureAwait(false))
        {
            try
            {
                return await Compile(lease.Server, design).ConfigureAwait(false);
            }
            catch (QueryServerException e) when (e.Fatal)
            {
                lease.Discard();
                throw;
            }
        }
    }

    // couch_query_servers:try_compile for each view's map, then its reduces, in one engine.
    private async Task<CouchException?> Compile(IQueryServer server, DesignDocument design)
    {
        await server.Reset(config(), CancellationToken.None).ConfigureAwait(false);
        foreach (var view in design.Views)
        {
            string name = view.MapNames.Count > 0 ? view.MapNames[0] : view.Reduces[0].Name;
            if (await TryCompile(server, "map", name, view.MapSource).ConfigureAwait(false) is { } mapError) return mapError;
            foreach (var reduce in view.Reduces)
            {
                if (reduce.IsBuiltin)
                {
                    if (BuiltinReducer.Validate(reduce.Source) is { } unsupported) return Invalid(unsupported);
                    continue;
                }
                if (await TryCompile(server, "reduce", reduce.Name, reduce.Source).ConfigureAwait(false) is { } reduceError) return reduceError;
            }
        }
        return null;
    }

    private static async Task<CouchException?> TryCompile(IQueryServer server, string kind, string view, string source)
    {
        try
        {
            await server.AddFun(source, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (QueryServerException e) when (e.Error == "compilation_error")
        {
            return new CouchException(400, "compilation_error", $"Compilation of the {kind} function in the '{view}' view failed: {e.Reason}");
        }
    }

    // require_map_function_for_views: every view but lib is an object with a map (types were checked before).
    private static string? MissingMap(JsonElement root)
    {
        if (!root.TryGetProperty("views", out var views) || views.ValueKind != JsonValueKind.Object) return null;
        foreach (var view in views.EnumerateObject())
            if (view.Name != "lib" && !view.Value.TryGetProperty("map", out _)) return view.Name;
        return null;
    }

    private static CouchException Invalid(string reason) => new(400, "invalid_design_doc", reason);
}
