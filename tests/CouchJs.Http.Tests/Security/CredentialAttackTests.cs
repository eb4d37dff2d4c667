using System.Net;
using System.Text;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// Bad and hostile credentials: undecodable Basic values, headers without a password, enormous headers,
/// password guessing (couch_auth_lockout: five failures lock a user out from that address), and that a
/// refusal never tells whether the user exists.
/// </summary>
public sealed class CredentialAttackTests(CouchServer server) : IClassFixture<CouchServer>
{
    private const string AnonymousSession = """{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{"authentication_handlers":["cookie","default"]}}""";

    private async Task<HttpResponseMessage> WithAuthorization(string value, string path = "_session")
    {
        using var client = SecurityKit.Raw(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", value);
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("Basic !!!")]
    [InlineData("Basic YWJj=")]
    [InlineData("Basic a.b-c_d")]
    public async Task Undecodable_basic_credentials_are_400(string header) =>
        await HttpAssert.Error(await WithAuthorization(header), HttpStatusCode.BadRequest, "bad_request", "Authorization header has invalid base64 value");

    [Theory]
    [InlineData("bm9jb2xvbg==")]
    [InlineData("Xzpf")]
    public async Task Basic_credentials_without_a_password_or_the_logout_pair_are_anonymous(string token) =>
        await HttpAssert.Body(await WithAuthorization("Basic " + token), HttpStatusCode.OK, AnonymousSession);

    [Theory]
    [InlineData("basic ")]
    [InlineData("Digest ")]
    [InlineData("Bearer ")]
    public async Task Other_schemes_are_not_basic(string scheme) =>
        await HttpAssert.Body(await WithAuthorization(scheme + SecurityKit.BasicToken(CouchServer.Admin, CouchServer.Password)), HttpStatusCode.OK, AnonymousSession);

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_look_the_same()
    {
        string user = SecurityKit.NewName("known");
        await SecurityKit.CreateUser(server, user);
        var unknown = await WithAuthorization("Basic " + SecurityKit.BasicToken("unknown-" + user, "x"), "_all_dbs");
        var wrong = await WithAuthorization("Basic " + SecurityKit.BasicToken(user, "x"), "_all_dbs");
        foreach (var response in (HttpResponseMessage[])[unknown, wrong])
        {
            await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "Name or password is incorrect.");
            Assert.Empty(response.Headers.WwwAuthenticate);
        }
    }

    [Fact]
    public async Task A_huge_authorization_header_is_refused_without_detail()
    {
        string big = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('u', 20_000) + ":" + new string('p', 3_000)));
        await HttpAssert.Error(await WithAuthorization(big), HttpStatusCode.Unauthorized, "unauthorized", "Name or password is incorrect.");
        var tooBig = await WithAuthorization("Basic " + new string('A', 64 * 1024));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooBig.StatusCode);
        Assert.Equal("", await tooBig.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_user_out_even_with_the_right_one()
    {
        string user = SecurityKit.NewName("victim"), bystander = SecurityKit.NewName("bystander");
        await SecurityKit.CreateUser(server, user);
        await SecurityKit.CreateUser(server, bystander);
        for (int i = 0; i < 5; i++)
            await HttpAssert.Error(await WithAuthorization("Basic " + SecurityKit.BasicToken(user, "guess" + i)), HttpStatusCode.Unauthorized,
                "unauthorized", "Name or password is incorrect.");
        const string Locked = "Account is temporarily locked due to multiple authentication failures";
        await HttpAssert.Error(await WithAuthorization("Basic " + SecurityKit.BasicToken(user, SecurityKit.Password)), HttpStatusCode.Forbidden, "forbidden", Locked);
        using var login = SecurityKit.Raw(server);
        await HttpAssert.Error(await login.PostAsync("_session", SecurityKit.Json($$"""{"name":"{{user}}","password":"{{SecurityKit.Password}}"}""")),
            HttpStatusCode.Forbidden, "forbidden", Locked);
        using var other = SecurityKit.As(server, bystander);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("_session")).StatusCode);
    }

    [Fact]
    public async Task Session_logins_count_towards_the_lockout_too()
    {
        string user = SecurityKit.NewName("target");
        await SecurityKit.CreateUser(server, user);
        using var client = SecurityKit.Raw(server);
        for (int i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("_session", SecurityKit.Json($$"""{"name":"{{user}}","password":"bad"}"""))).StatusCode);
        await HttpAssert.Error(await WithAuthorization("Basic " + SecurityKit.BasicToken(user, SecurityKit.Password)), HttpStatusCode.Forbidden,
            "forbidden", "Account is temporarily locked due to multiple authentication failures");
    }

    [Fact]
    public async Task A_new_password_starts_a_new_count()
    {
        string user = SecurityKit.NewName("reset");
        await SecurityKit.CreateUser(server, user);
        for (int i = 0; i < 5; i++) await WithAuthorization("Basic " + SecurityKit.BasicToken(user, "bad"));
        var doc = await HttpAssert.Json(await server.Client.GetAsync("_users/org.couchdb.user:" + user), HttpStatusCode.OK);
        doc!["password"] = "fresh";
        await HttpAssert.Json(await server.Client.PutAsync("_users/org.couchdb.user:" + user, SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        using var client = SecurityKit.As(server, user, "fresh");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("_session")).StatusCode);
    }
}
