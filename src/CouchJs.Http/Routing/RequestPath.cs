namespace CouchJs.Http.Routing;

/// <summary>
/// The request path split into percent-decoded segments. Splitting happens on the raw target, before
/// decoding, so <c>%2F</c> stays inside a segment: <c>/a%2Fb/doc</c> is database <c>a/b</c>, and
/// <c>/db/_design%2Fx</c> is the design doc <c>_design/x</c>, as CouchDB reads them.
/// </summary>
public sealed class RequestPath
{
    private RequestPath(string[] segments) => Segments = segments;

    public string[] Segments { get; }

    public int Count => Segments.Length;

    public string this[int index] => Segments[index];

    public static RequestPath Parse(string rawTarget)
    {
        int query = rawTarget.IndexOf('?');
        string path = query >= 0 ? rawTarget[..query] : rawTarget;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++) parts[i] = Uri.UnescapeDataString(parts[i]);
        return new RequestPath(parts);
    }

    /// <summary>Segments from <paramref name="start"/> joined with '/' (attachment names may hold slashes).</summary>
    public string Join(int start) => string.Join('/', Segments, start, Segments.Length - start);
}
