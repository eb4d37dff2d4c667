using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Responses;

/// <summary>Headers CouchDB puts on its responses.</summary>
public static class CouchHeaders
{
    public const string Server = "CouchDB/3.4.3 (CouchJs)";
    public const string JsonType = "application/json";

    /// <summary>Headers chttpd puts on every response: Server, a request id, and the body time.</summary>
    public static void Basic(HttpResponse response, string? clientRequestId = null)
    {
        var headers = response.Headers;
        headers.Server = Server;
        headers["X-Couch-Request-ID"] = string.IsNullOrEmpty(clientRequestId) ? RequestId() : clientRequestId;
        headers["X-CouchDB-Body-Time"] = "0";
    }

    // chttpd's request ids: 10 random hex digits.
    private static string RequestId()
    {
        Span<byte> bytes = stackalloc byte[5];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static void Apply(HttpResponse response, string contentType = JsonType)
    {
        var headers = response.Headers;
        if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "must-revalidate";
        headers.ContentType = contentType;
    }
}
