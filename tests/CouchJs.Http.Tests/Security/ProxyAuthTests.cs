using System.Net;
using System.Security.Cryptography;
using System.Text;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// Proxy authentication (couch_httpd_auth:proxy_authentication_handler) once it is in
/// <c>[chttpd] authentication_handlers</c>: the user and roles come from <c>X-Auth-CouchDB-*</c> headers,
/// and with <c>proxy_use_secret</c> only with a token made from the secret.
/// </summary>
public sealed class ProxyAuthTests(CouchServer server) : IClassFixture<CouchServer>, IAsyncLifetime
{
    private const string Handlers = "{chttpd_auth, proxy_authentication_handler}, {chttpd_auth, cookie_authentication_handler}, {chttpd_auth, default_authentication_handler}";

    public Task InitializeAsync() => SecurityKit.Config(server, "chttpd", "authentication_handlers", Handlers);

    public async Task DisposeAsync()
    {
        await SecurityKit.Config(server, "chttpd", "authentication_handlers", null);
        await SecurityKit.Config(server, "chttpd_auth", "proxy_use_secret", null);
    }

    private async Task<HttpResponseMessage> Session(string? user, string? roles = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "_session");
        if (user is not null) request.Headers.Add("X-Auth-CouchDB-UserName", user);
        if (roles is not null) request.Headers.Add("X-Auth-CouchDB-Roles", roles);
        if (token is not null) request.Headers.Add("X-Auth-CouchDB-Token", token);
        return await server.Anonymous.SendAsync(request);
    }

    private static string Info(string? authenticated) =>
        """{"authentication_handlers":["proxy","cookie","default"]""" + (authenticated is null ? "}" : $$""","authenticated":"{{authenticated}}"}""");

    [Fact]
    public async Task Without_a_secret_the_headers_name_the_user() =>
        await HttpAssert.Body(await Session("alice", "editors, readers"), HttpStatusCode.OK,
            $$"""{"ok":true,"userCtx":{"name":"alice","roles":["editors","readers"]},"info":{{Info("proxy")}}}""");

    [Fact]
    public async Task With_proxy_use_secret_only_a_token_made_with_the_secret_counts()
    {
        await SecurityKit.Config(server, "chttpd_auth", "proxy_use_secret", "true");
        string secret = await SessionCookieKit.Secret(server);
        string Token(Func<byte[], byte[], byte[]> hmac) => Convert.ToHexStringLower(hmac(Encoding.UTF8.GetBytes(secret), "bob"u8.ToArray()));
        await HttpAssert.Body(await Session("bob", "r", Token(HMACSHA256.HashData)), HttpStatusCode.OK,
            $$"""{"ok":true,"userCtx":{"name":"bob","roles":["r"]},"info":{{Info("proxy")}}}""");
        await HttpAssert.Body(await Session("bob", null, Token(HMACSHA1.HashData)), HttpStatusCode.OK,
            $$"""{"ok":true,"userCtx":{"name":"bob","roles":[]},"info":{{Info("proxy")}}}""");
        string anonymous = $$"""{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{{Info(null)}}}""";
        await HttpAssert.Body(await Session("bob", "r"), HttpStatusCode.OK, anonymous);
        await HttpAssert.Body(await Session("bob", "r", Token(HMACMD5.HashData)), HttpStatusCode.OK, anonymous);
        await HttpAssert.Body(await Session("mallory", "_admin", Token(HMACSHA256.HashData)), HttpStatusCode.OK, anonymous);
    }

    [Fact]
    public async Task A_proxy_named_admin_has_the_powers_of_one() =>
        Assert.Equal(HttpStatusCode.OK, (await SendAs("ops", "_admin", "_all_dbs")).StatusCode);

    private async Task<HttpResponseMessage> SendAs(string user, string roles, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Auth-CouchDB-UserName", user);
        request.Headers.Add("X-Auth-CouchDB-Roles", roles);
        return await server.Anonymous.SendAsync(request);
    }

    [Fact]
    public async Task Without_the_proxy_handler_the_headers_are_ignored()
    {
        await SecurityKit.Config(server, "chttpd", "authentication_handlers", null);
        try
        {
            await HttpAssert.Error(await SendAs("ops", "_admin", "_all_dbs"), HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
        }
        finally
        {
            await SecurityKit.Config(server, "chttpd", "authentication_handlers", Handlers);
        }
    }
}
