using System.Text;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>What came back: status, every header (response and content headers together) and the raw body.</summary>
public sealed record WireResponse(int Status, string Reason, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public static async Task<WireResponse> ReadAsync(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // NonValidated shows the headers as sent; the typed getters would compute a missing Content-Length.
        foreach (var (name, values) in response.Headers.NonValidated) headers[name] = string.Join(", ", values);
        foreach (var (name, values) in response.Content.Headers.NonValidated) headers[name] = string.Join(", ", values);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        return new WireResponse((int)response.StatusCode, response.ReasonPhrase ?? "", headers, body);
    }
}
