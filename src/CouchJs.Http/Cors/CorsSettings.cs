using CouchJs.Config;

namespace CouchJs.Http.Cors;

/// <summary>
/// CORS settings as chttpd_cors:get_cors_config reads them for one request: <c>[chttpd] enable_cors</c>,
/// then each key from <c>[cors:HOST]</c> (the request's host without scheme and port) or else
/// <c>[cors]</c>: <c>origins</c>, <c>credentials</c>, <c>methods</c>, <c>headers</c>,
/// <c>exposed_headers</c>, <c>max_age</c>, with CouchDB's defaults.
/// </summary>
public sealed record CorsSettings(
    bool Enabled, IReadOnlyList<string> Origins, bool Credentials, IReadOnlyList<string> Methods,
    IReadOnlyList<string> Headers, IReadOnlyList<string> ExposedHeaders, string MaxAge)
{
    /// <summary>chttpd_cors.hrl ?SUPPORTED_HEADERS.</summary>
    public static readonly string[] SupportedHeaders =
    [
        "accept", "accept-language", "authorization", "content-length", "content-range", "content-type", "destination",
        "expires", "if-match", "last-modified", "origin", "pragma", "x-couch-full-commit", "x-couch-id",
        "x-couch-persist", "x-couchdb-www-authenticate", "x-http-method-override", "x-requested-with", "x-couchdb-vhost-path",
    ];

    /// <summary>?SUPPORTED_METHODS.</summary>
    public static readonly string[] SupportedMethods = ["CONNECT", "COPY", "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "TRACE"];

    /// <summary>?COUCH_HEADERS: exposed to scripts on every CORS response.</summary>
    public static readonly string[] CouchHeaders = ["accept-ranges", "etag", "server", "x-couch-request-id", "x-couch-update-newrev", "x-couchdb-body-time"];

    public const string DefaultMaxAge = "600";

    public static CorsSettings For(CouchConfig config, string host)
    {
        string section = "cors:" + HostName(host);
        string? Setting(string key) => config.Get(section, key) ?? config.Get("cors", key);
        return new CorsSettings(
            config.GetBool("chttpd", "enable_cors", false),
            List(Setting("origins")) ?? [],
            Setting("credentials") == "true",
            List(Setting("methods")) ?? SupportedMethods,
            Lower(List(Setting("headers"))) ?? SupportedHeaders,
            Lower(List(Setting("exposed_headers"))) ?? CouchHeaders,
            Setting("max_age") ?? DefaultMaxAge);
    }

    public bool Accepts(string origin) => Origins.Contains("*") || Origins.Contains(origin);

    /// <summary>Credentials are never allowed for the literal origin <c>*</c>.</summary>
    public bool AllowsCredentials(string origin) => origin != "*" && Credentials;

    private static string HostName(string host)
    {
        int scheme = host.IndexOf("://", StringComparison.Ordinal);
        string hostPort = scheme < 0 ? host : host[(scheme + 3)..];
        int colon = hostPort.IndexOf(':');
        return colon < 0 ? hostPort : hostPort[..colon];
    }

    // re:split(S, "\\s*,\\s*", [trim]).
    private static string[]? List(string? value) => value is null ? null : Auth.Authenticator.SplitList(value);

    private static string[]? Lower(string[]? values) => values?.Select(v => v.ToLowerInvariant()).ToArray();
}
