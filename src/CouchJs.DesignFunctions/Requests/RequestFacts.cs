namespace CouchJs.DesignFunctions.Requests;

/// <summary>
/// The HTTP request a design function is called for, as the request layer saw it arrive: what
/// chttpd_external:json_req_obj reads from mochiweb. <see cref="Body"/> is null when the request has
/// no body at all (no Content-Length, not chunked), which the req object shows as <c>"undefined"</c>.
/// </summary>
/// <param name="Method">The method as sent (HEAD is shown as GET, as chttpd aliases it).</param>
/// <param name="RawPath">The request target as sent: path and query string, percent-encoding intact.</param>
/// <param name="Path">The path's segments, decoded (the router's).</param>
/// <param name="Headers">Header names and values as received (repeated headers joined with ", ").</param>
/// <param name="Peer">The client's address (mochiweb's peer: X-Forwarded-For's last host for loopback and 10.x clients).</param>
public sealed record RequestFacts(
    string Method,
    string RawPath,
    IReadOnlyList<string> Path,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string Peer)
{
    /// <summary>A header's value (names compare case-insensitively), null when absent.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
