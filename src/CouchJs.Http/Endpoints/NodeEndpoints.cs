using CouchJs.Http.Responses;
using CouchJs.Http.Routing;
using CouchJs.Http.Server;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/_node/{node-name}/…</c> resources, as chttpd_node: <c>_local</c> names this node (a single
/// node called <c>nonode@nohost</c>, as a CouchDB started without a node name).
/// </summary>
public static class NodeEndpoints
{
    public const string NodeName = "nonode@nohost";

    /// <summary>The handler of a <c>_node</c> path CouchJs answers, or null.</summary>
    public static Func<CouchRequest, Task>? Route(RequestPath path) => path.Count switch
    {
        2 when path[1] == "_local" => Name,
        // chttpd_node matches _versions before it looks the node up, so any node name is taken.
        3 when path[2] == "_versions" => r => CouchRouter.Allow(r, "GET", Versions),
        >= 3 when path[2] == "_config" => ConfigEndpoints.Handle,
        1 => _ => throw Database.CouchException.BadRequest("Incomplete path to _node request"),
        _ => null,
    };

    private static Task Name(CouchRequest r) => JsonResponse.Write(r.Context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteString("name", NodeName);
        w.WriteEndObject();
    });

    /// <summary>
    /// CouchDB 3.4.3's members in its order (a map, so sorted), less <c>erlang</c>: the collation driver
    /// and the engine <c>language: "javascript"</c> runs on now (a version only when it is known, as
    /// CouchDB gives one only for SpiderMonkey).
    /// </summary>
    private static Task Versions(CouchRequest r)
    {
        var icu = IcuVersions.Current;
        var (engine, version) = r.Services.QueryServers.JavaScriptEngine;
        return JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartObject();
            if (icu is not null)
            {
                w.WriteStartObject("collation_driver");
                w.WriteString("collation_algorithm_version", icu.CollationAlgorithmVersion);
                w.WriteString("collator_version", icu.CollatorVersion);
                w.WriteString("library_version", icu.LibraryVersion);
                w.WriteString("name", "libicu");
                w.WriteEndObject();
            }
            w.WriteStartObject("javascript_engine");
            w.WriteString("name", engine);
            if (version.Length > 0) w.WriteString("version", version);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
