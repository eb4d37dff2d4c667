namespace CouchJs.DesignFunctions.Rewrites;

/// <summary>
/// Where a rewrite leads: always below the design document (chttpd_rewrite:safe_relative_path puts
/// the prefix <c>/db/_design/name</c> in front of any path), then chttpd_rewrite:normalize_path drops
/// empty and <c>.</c> segments and lets <c>..</c> climb, so <c>../../x</c> reaches <c>/db/x</c>.
/// </summary>
internal static class RewritePath
{
    public static string Below(string prefix, string path) => Normalize(prefix + "/" + path);

    public static string Normalize(string path)
    {
        var segments = new List<string>();
        foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".") continue;
            if (segment == ".." && segments.Count > 0 && segments[^1] != "..") segments.RemoveAt(segments.Count - 1);
            else segments.Add(segment);
        }
        return "/" + string.Join('/', segments);
    }
}
