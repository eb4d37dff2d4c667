namespace CouchJs.QueryServers.Pooling;

/// <summary>
/// Where the bundled Node.js query server is: <c>[couchjs] node_query_server</c>, absolute or
/// relative to the application — looked for in its directory and then each parent, so it is found
/// both beside a published app and in the repository a build runs from.
/// </summary>
internal static class NodeMainJs
{
    public static string Resolve(string configured)
    {
        if (Path.IsPathRooted(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, configured);
            if (File.Exists(candidate)) return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, configured);
    }
}
