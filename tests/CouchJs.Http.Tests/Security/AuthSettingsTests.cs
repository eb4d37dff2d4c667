using System.Net;
using System.Net.Http.Headers;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// Settings that change how requests are authenticated: the session cookie's attributes
/// (<c>allow_persistent_cookies</c>, <c>cookie_domain</c>, <c>same_site</c>, <c>timeout</c>),
/// <c>require_valid_user</c> and its <c>_except_for_up</c> variant, and when a 401 carries
/// <c>WWW-Authenticate</c> or redirects a browser (chttpd:error_headers). Each test puts the settings back.
/// </summary>
public sealed class AuthSettingsTests(CouchServer server) : IClassFixture<CouchServer>
{
    private async Task WithConfig(string section, string key, string value, Func<Task> test)
    {
        await SecurityKit.Config(server, section, key, value);
        try
        {
            await test();
        }
        finally
        {
            await SecurityKit.Config(server, section, key, null);
        }
    }

    private async Task<string> LoginCookieHeader()
    {
        using var client = SecurityKit.Raw(server);
        var response = await client.PostAsync("_session", SecurityKit.Json($$"""{"name":"{{CouchServer.Admin}}","password":"{{CouchServer.Password}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single();
    }

    [Fact]
    public async Task Cookies_without_persistence_have_no_expiry() =>
        await WithConfig("chttpd_auth", "allow_persistent_cookies", "false", async () =>
            Assert.Matches("^AuthSession=[A-Za-z0-9_-]+; Version=1; Path=/; HttpOnly$", await LoginCookieHeader()));

    [Fact]
    public async Task Cookie_domain_same_site_and_timeout_shape_the_cookie() =>
        await WithConfig("chttpd_auth", "cookie_domain", "example.com", () =>
            WithConfig("chttpd_auth", "same_site", "Lax", () =>
                WithConfig("chttpd_auth", "timeout", "3600", async () =>
                    Assert.Matches("^AuthSession=[A-Za-z0-9_-]+; Version=1; Expires=.+ GMT; Max-Age=3600; Domain=example.com; Path=/; HttpOnly; SameSite=Lax$",
                        await LoginCookieHeader()))));

    [Fact]
    public async Task An_unknown_same_site_value_is_left_out() =>
        await WithConfig("chttpd_auth", "same_site", "sometimes", async () =>
            Assert.EndsWith("; Path=/; HttpOnly", await LoginCookieHeader()));

    [Fact]
    public async Task Require_valid_user_refuses_anonymous_requests_but_not_a_login() =>
        await WithConfig("chttpd", "require_valid_user", "true", async () =>
        {
            var response = await server.Anonymous.GetAsync("/");
            await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "Authentication required.");
            Assert.Equal("Basic realm=\"server\"", response.Headers.WwwAuthenticate.ToString());
            await HttpAssert.Error(await server.Anonymous.GetAsync("_up"), HttpStatusCode.Unauthorized, "unauthorized", "Authentication required.");
            await HttpAssert.Error(await server.Anonymous.PostAsync("_session", SecurityKit.Json("""{"name":"x","password":"y"}""")),
                HttpStatusCode.Unauthorized, "unauthorized", "Name or password is incorrect.");
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/")).StatusCode);
        });

    [Fact]
    public async Task Require_valid_user_except_for_up_leaves_up_open() =>
        await WithConfig("chttpd", "require_valid_user_except_for_up", "true", async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync("_up")).StatusCode);
            var response = await server.Anonymous.GetAsync("/");
            await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "Authentication required.");
            Assert.Empty(response.Headers.WwwAuthenticate);
        });

    [Fact]
    public async Task Api_clients_get_no_challenge_on_401()
    {
        var response = await server.Anonymous.GetAsync("_all_dbs");
        await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_client_may_ask_for_its_own_challenge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "_all_dbs");
        request.Headers.Add("X-CouchDB-WWW-Authenticate", "Cookie");
        var response = await server.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Cookie", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_configured_challenge_goes_on_every_401() =>
        await WithConfig("chttpd", "WWW-Authenticate", "Basic realm=\"couch\"", async () =>
            Assert.Equal("Basic realm=\"couch\"", (await server.Anonymous.GetAsync("_all_dbs")).Headers.WwwAuthenticate.ToString()));

    [Fact]
    public async Task A_browser_asking_for_a_page_is_sent_to_the_login_page()
    {
        using var client = SecurityKit.Raw(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "_all_dbs?x=1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var response = await client.SendAsync(request);
        await HttpAssert.Error(response, HttpStatusCode.Redirect, "unauthorized", "You are not a server admin.");
        Assert.Equal(new Uri(server.BaseAddress, "/_utils/session.html?return=%2F_all_dbs&reason=You%20are%20not%20a%20server%20admin."), response.Headers.Location);
    }

    [Fact]
    public async Task With_no_admin_left_everyone_is_one()
    {
        var admins = await HttpAssert.Json(await server.Client.GetAsync("_node/_local/_config/admins"), HttpStatusCode.OK);
        string hash = (string)admins![CouchServer.Admin]!;
        // Deleted for good (a delete that does not persist shows local.ini's value again), then put back.
        await HttpAssert.Json(await server.Client.DeleteAsync("_node/_local/_config/admins/" + CouchServer.Admin), HttpStatusCode.OK);
        try
        {
            await HttpAssert.Body(await server.Anonymous.GetAsync("_session"), HttpStatusCode.OK,
                """{"ok":true,"userCtx":{"name":null,"roles":["_admin"]},"info":{"authentication_handlers":["cookie","default"]}}""");
        }
        finally
        {
            await server.Anonymous.PutAsync("_node/_local/_config/admins/" + CouchServer.Admin, SecurityKit.Json(System.Text.Json.JsonSerializer.Serialize(hash)));
        }
        await HttpAssert.Error(await server.Anonymous.GetAsync("_all_dbs"), HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
    }
}
