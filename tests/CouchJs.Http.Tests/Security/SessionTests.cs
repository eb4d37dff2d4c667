using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// <c>/_session</c> and the <c>AuthSession</c> cookie's life: login with form and JSON bodies, the
/// cookie's exact form and attributes, <c>next</c>/<c>fail</c> redirects, GET's userCtx and info,
/// logout, cookie authentication, expiry, renewal past a tenth of the timeout, and what forged,
/// tampered or stale cookies get (couch_httpd_auth).
/// </summary>
public sealed class SessionTests(CouchServer server) : IClassFixture<CouchServer>
{
    private static readonly Regex CookieHeader = new(
        @"^AuthSession=([A-Za-z0-9_-]+); Version=1; Expires=\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT; Max-Age=600; Path=/; HttpOnly$");

    private async Task<string> NewUser(params string[] roles)
    {
        string name = SecurityKit.NewName("sess");
        await SecurityKit.CreateUser(server, name, SecurityKit.Password, roles);
        return name;
    }

    private async Task<HttpResponseMessage> Login(string body, string contentType, string query = "")
    {
        using var client = SecurityKit.Raw(server);
        return await client.PostAsync("_session" + query, new StringContent(body, Encoding.UTF8, contentType));
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request)
    {
        using var client = SecurityKit.Raw(server);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_form_login_sets_couchdbs_cookie()
    {
        string user = await NewUser("reader");
        var response = await Login($"name={user}&password={SecurityKit.Password}", "application/x-www-form-urlencoded");
        await HttpAssert.Body(response, HttpStatusCode.OK, $$"""{"ok":true,"name":"{{user}}","roles":["reader"]}""");
        var match = CookieHeader.Match(response.Headers.GetValues("Set-Cookie").Single());
        Assert.True(match.Success, response.Headers.GetValues("Set-Cookie").Single());
        byte[] decoded = System.Buffers.Text.Base64Url.DecodeFromChars(match.Groups[1].Value);
        string[] parts = Encoding.Latin1.GetString(decoded).Split(':', 3);
        Assert.Equal(user, parts[0]);
        Assert.InRange(Convert.ToInt64(parts[1], 16), SessionCookieKit.Now - 5, SessionCookieKit.Now + 1);
        Assert.Matches("^[0-9A-F]+$", parts[1]);
        string expected = SessionCookieKit.Make(user, Convert.ToInt64(parts[1], 16), await SessionCookieKit.Secret(server), await SessionCookieKit.Salt(server, user));
        Assert.Equal(expected, match.Groups[1].Value);
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task A_json_login_works_and_username_is_an_alias_of_name()
    {
        string user = await NewUser();
        await HttpAssert.Body(await Login($$"""{"name":"{{user}}","password":"{{SecurityKit.Password}}"}""", "application/json"),
            HttpStatusCode.OK, $$"""{"ok":true,"name":"{{user}}","roles":[]}""");
        await HttpAssert.Body(await Login($$"""{"username":"{{user}}","password":"{{SecurityKit.Password}}"}""", "application/json"),
            HttpStatusCode.OK, $$"""{"ok":true,"name":"{{user}}","roles":[]}""");
    }

    [Theory]
    [InlineData("""{"password":"x"}""", 400, "bad_request", "request body must contain a username")]
    [InlineData("""{"name":"a","username":"b","password":"x"}""", 400, "bad_request", "request body contains different usernames")]
    [InlineData("""{"name":"a""", 400, "bad_request", "invalid UTF-8 JSON")]
    public async Task Bad_login_bodies_are_refused(string body, int status, string error, string reason) =>
        await HttpAssert.Error(await Login(body, "application/json"), (HttpStatusCode)status, error, reason);

    [Fact]
    public async Task A_login_body_of_another_type_is_415() =>
        await HttpAssert.Error(await Login("name=a&password=b", "text/plain"), HttpStatusCode.UnsupportedMediaType,
            "bad_content_type", "Content-Type must be 'application/x-www-form-urlencoded' or 'application/json'");

    [Fact]
    public async Task A_wrong_password_is_401_and_clears_the_cookie()
    {
        string user = await NewUser();
        var response = await Login($"name={user}&password=wrong", "application/x-www-form-urlencoded");
        await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "Name or password is incorrect.");
        Assert.Matches("^AuthSession=; Version=1; Expires=.+; Max-Age=600; Path=/; HttpOnly$", response.Headers.GetValues("Set-Cookie").Single());
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password() =>
        await HttpAssert.Error(await Login("name=nobody-here&password=x", "application/x-www-form-urlencoded"),
            HttpStatusCode.Unauthorized, "unauthorized", "Name or password is incorrect.");

    [Fact]
    public async Task Next_and_fail_redirect_to_the_path_given()
    {
        string user = await NewUser();
        var ok = await Login($"name={user}&password={SecurityKit.Password}", "application/x-www-form-urlencoded", "?next=/db/_design/app/index.html");
        await HttpAssert.Body(ok, HttpStatusCode.Redirect, $$"""{"ok":true,"name":"{{user}}","roles":[]}""");
        Assert.Equal(new Uri(server.BaseAddress, "/db/_design/app/index.html"), ok.Headers.Location);
        Assert.NotNull(SessionCookieKit.SetValue(ok));
        var failed = await Login($"name={user}&password=bad", "application/x-www-form-urlencoded", "?fail=/login.html");
        Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
        Assert.Equal(new Uri(server.BaseAddress, "/login.html"), failed.Headers.Location);
    }

    [Fact]
    public async Task Get_tells_who_and_how()
    {
        string user = await NewUser("r");
        await HttpAssert.Body(await server.Anonymous.GetAsync("_session"), HttpStatusCode.OK,
            """{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{"authentication_handlers":["cookie","default"]}}""");
        using var basic = SecurityKit.As(server, user);
        await HttpAssert.Body(await basic.GetAsync("_session"), HttpStatusCode.OK,
            $$$"""{"ok":true,"userCtx":{"name":"{{{user}}}","roles":["r"]},"info":{"authentication_handlers":["cookie","default"],"authenticated":"default"}}""");
        string cookie = SessionCookieKit.SetValue(await Login($"name={user}&password={SecurityKit.Password}", "application/x-www-form-urlencoded"))!;
        await HttpAssert.Body(await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", cookie)), HttpStatusCode.OK,
            $$$"""{"ok":true,"userCtx":{"name":"{{{user}}}","roles":["r"]},"info":{"authentication_handlers":["cookie","default"],"authenticated":"cookie"}}""");
    }

    [Fact]
    public async Task Get_with_basic_true_asks_anonymous_callers_to_log_in() =>
        await HttpAssert.Error(await server.Anonymous.GetAsync("_session?basic=true"), HttpStatusCode.Unauthorized, "unauthorized", "Please login.");

    [Fact]
    public async Task Delete_clears_the_cookie()
    {
        var response = await Send(new HttpRequestMessage(HttpMethod.Delete, "_session"));
        await HttpAssert.Body(response, HttpStatusCode.OK, """{"ok":true}""");
        Assert.Equal("", SessionCookieKit.SetValue(response));
        var redirected = await Send(new HttpRequestMessage(HttpMethod.Delete, "_session?next=/bye"));
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal(new Uri(server.BaseAddress, "/bye"), redirected.Headers.Location);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        var response = await server.Client.PutAsync("_session", SecurityKit.Json("{}"));
        await HttpAssert.Error(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET,HEAD,POST,DELETE allowed");
    }

    [Fact]
    public async Task The_cookie_authenticates_other_requests()
    {
        string user = await NewUser();
        string db = await SecurityKit.NewDb(server, $$$"""{"members":{"names":["{{{user}}}"]}}""");
        string cookie = SessionCookieKit.SetValue(await Login($"name={user}&password={SecurityKit.Password}", "application/x-www-form-urlencoded"))!;
        var response = await Send(SessionCookieKit.WithCookie(HttpMethod.Get, db, cookie));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SessionCookieKit.SetValue(response));
    }

    [Fact]
    public async Task An_expired_cookie_is_ignored()
    {
        string user = await NewUser();
        string cookie = SessionCookieKit.Make(user, SessionCookieKit.Now - 601, await SessionCookieKit.Secret(server), await SessionCookieKit.Salt(server, user));
        await HttpAssert.Body(await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", cookie)), HttpStatusCode.OK,
            """{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{"authentication_handlers":["cookie","default"]}}""");
    }

    [Fact]
    public async Task A_cookie_past_a_tenth_of_its_life_is_renewed()
    {
        string user = await NewUser();
        string secret = await SessionCookieKit.Secret(server), salt = await SessionCookieKit.Salt(server, user);
        var fresh = await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", SessionCookieKit.Make(user, SessionCookieKit.Now, secret, salt)));
        Assert.Null(SessionCookieKit.SetValue(fresh));
        var aged = await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", SessionCookieKit.Make(user, SessionCookieKit.Now - 100, secret, salt)));
        Assert.Equal(HttpStatusCode.OK, aged.StatusCode);
        Assert.Matches(CookieHeader, aged.Headers.GetValues("Set-Cookie").Single());
        string renewed = SessionCookieKit.SetValue(aged)!;
        string time = Encoding.Latin1.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(renewed)).Split(':')[1];
        Assert.InRange(Convert.ToInt64(time, 16), SessionCookieKit.Now - 5, SessionCookieKit.Now + 1);
    }

    [Fact]
    public async Task Forged_and_tampered_cookies_are_ignored()
    {
        string user = await NewUser("r");
        string secret = await SessionCookieKit.Secret(server), salt = await SessionCookieKit.Salt(server, user);
        string good = SessionCookieKit.Make(user, SessionCookieKit.Now, secret, salt);
        byte[] bytes = System.Buffers.Text.Base64Url.DecodeFromChars(good);
        bytes[^1] ^= 1;
        string[] forged =
        [
            SessionCookieKit.Base64Url(bytes),
            SessionCookieKit.Make(user, SessionCookieKit.Now, "not-the-secret", salt),
            SessionCookieKit.Make(user, SessionCookieKit.Now, secret, "another-salt"),
            SessionCookieKit.Make("admin", SessionCookieKit.Now, secret, salt),
            SessionCookieKit.Make("nobody-" + user, SessionCookieKit.Now, secret, salt),
            SessionCookieKit.Make(user, SessionCookieKit.Now, secret, salt, System.Security.Cryptography.HMACMD5.HashData),
            SessionCookieKit.Base64Url(Encoding.UTF8.GetBytes(user + ":ZZZZ:" + "mac")),
        ];
        foreach (string cookie in forged)
            await HttpAssert.Body(await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", cookie)), HttpStatusCode.OK,
                """{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{"authentication_handlers":["cookie","default"]}}""");
    }

    [Fact]
    public async Task A_cookie_signed_with_any_configured_algorithm_is_accepted()
    {
        string user = await NewUser();
        string cookie = SessionCookieKit.Make(user, SessionCookieKit.Now, await SessionCookieKit.Secret(server), await SessionCookieKit.Salt(server, user),
            System.Security.Cryptography.HMACSHA1.HashData);
        var info = await HttpAssert.Json(await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", cookie)), HttpStatusCode.OK);
        Assert.Equal(user, (string?)info!["userCtx"]!["name"]);
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("bm9jb2xvbnM")]
    [InlineData("b25lOmNvbG9u")]
    public async Task An_unreadable_cookie_is_400(string cookie) =>
        await HttpAssert.Error(await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", cookie)), HttpStatusCode.BadRequest,
            "bad_request", "Malformed AuthSession cookie. Please clear your cookies.");

    [Fact]
    public async Task A_new_password_ends_old_sessions()
    {
        string user = await NewUser();
        string cookie = SessionCookieKit.SetValue(await Login($"name={user}&password={SecurityKit.Password}", "application/x-www-form-urlencoded"))!;
        var doc = await HttpAssert.Json(await server.Client.GetAsync("_users/org.couchdb.user:" + user), HttpStatusCode.OK);
        doc!["password"] = "changed";
        await HttpAssert.Json(await server.Client.PutAsync("_users/org.couchdb.user:" + user, SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        var info = await HttpAssert.Json(await Send(SessionCookieKit.WithCookie(HttpMethod.Get, "_session", cookie)), HttpStatusCode.OK);
        Assert.Null((string?)info!["userCtx"]!["name"]);
        using var client = SecurityKit.As(server, user, "changed");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("_session")).StatusCode);
    }
}
