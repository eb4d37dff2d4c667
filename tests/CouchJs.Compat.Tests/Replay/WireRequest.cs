using System.Net.Http.Headers;
using System.Text;
using CouchJs.Compat.Tests.Fixtures;
using CouchJs.Compat.Tests.Matching;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>A fixture request with its placeholders filled in, ready to send and to report.</summary>
public sealed record WireRequest(
    string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body)
{
    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Encoding", "Content-MD5", "Content-Range", "Content-Language", "Content-Disposition",
    };

    public static WireRequest From(FixtureRequest request, CaptureStore captures, string adminName, string adminPassword)
    {
        var headers = request.Headers
            .Select(h => KeyValuePair.Create(h.Key, Substitution.Apply(h.Value, captures)))
            .ToList();
        byte[]? body = null;
        if (request.HasBody)
        {
            body = Encoding.UTF8.GetBytes(Substitution.Apply(request.Body, captures)?.ToJsonString() ?? "null");
            if (!Has(headers, "Content-Type")) headers.Add(KeyValuePair.Create("Content-Type", "application/json"));
        }
        else if (request.BodyText is { } text) body = Encoding.UTF8.GetBytes(Substitution.Apply(text, captures));
        // An explicit Authorization header wins: fixtures use it to send bad credentials.
        if (request.AsAdmin && !Has(headers, "Authorization"))
        {
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{adminName}:{adminPassword}"));
            headers.Add(KeyValuePair.Create("Authorization", "Basic " + token));
        }
        return new WireRequest(request.Method, captures.BaseUrl + Substitution.Apply(request.Path, captures), headers, body);
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(Url));
        // A Content-Type without a body still goes out: CouchDB checks it on bodiless POSTs like _compact.
        if (Body is not null || Headers.Any(h => ContentHeaders.Contains(h.Key)))
            message.Content = new ByteArrayContent(Body ?? []);
        foreach (var (name, value) in Headers)
        {
            HttpHeaders target = ContentHeaders.Contains(name) ? message.Content!.Headers : message.Headers;
            if (!target.TryAddWithoutValidation(name, value))
                throw new InvalidOperationException($"cannot send header {name}: {value}");
        }
        return message;
    }

    private static bool Has(List<KeyValuePair<string, string>> headers, string name) =>
        headers.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
}
