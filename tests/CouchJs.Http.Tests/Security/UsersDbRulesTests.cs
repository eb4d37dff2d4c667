using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// The users database opened to everyone (<c>users_db_security_editable</c>, an empty security object),
/// where its own rules decide: anyone may sign up without roles, users read and change only their own
/// document and never their roles, others see only <c>public_fields</c>, design documents stay hidden,
/// and every write passes the <c>_design/_auth</c> rules (couch_users_db, the _auth validate_doc_update).
/// </summary>
public sealed class UsersDbRulesTests(CouchServer server) : IClassFixture<CouchServer>, IAsyncLifetime
{
    private const string MissingDoc = """{"error":"not_found","reason":"missing"}""";

    public async Task InitializeAsync()
    {
        await SecurityKit.Config(server, "couchdb", "users_db_security_editable", "true");
        await SecurityKit.SetSecurity(server, "_users", """{"admins":{"roles":["user_admin"]}}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Path(string user) => "_users/org.couchdb.user:" + user;

    private static string UserDoc(string name, string roles = "[]", string extra = "") =>
        $$"""{"name":"{{name}}","password":"{{SecurityKit.Password}}","roles":{{roles}},"type":"user"{{extra}}}""";

    private async Task<string> SignUp(string prefix = "u")
    {
        string name = SecurityKit.NewName(prefix);
        await HttpAssert.Json(await server.Anonymous.PutAsync(Path(name), SecurityKit.Json(UserDoc(name))), HttpStatusCode.Created);
        return name;
    }

    private static async Task Forbidden(HttpResponseMessage response, string reason) =>
        await HttpAssert.Error(response, HttpStatusCode.Forbidden, "forbidden", reason);

    [Fact]
    public async Task Anyone_may_sign_up_but_not_give_themselves_roles()
    {
        string name = await SignUp();
        using var client = SecurityKit.As(server, name);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("_session")).StatusCode);
        string greedy = SecurityKit.NewName("greedy");
        await Forbidden(await server.Anonymous.PutAsync(Path(greedy), SecurityKit.Json(UserDoc(greedy, """["boss"]"""))), "Only _admin may set roles");
    }

    [Fact]
    public async Task Users_read_their_own_document_whole_and_nobody_else_s()
    {
        string alice = await SignUp("alice"), bob = await SignUp("bob");
        using var asAlice = SecurityKit.As(server, alice);
        var own = await HttpAssert.Json(await asAlice.GetAsync(Path(alice)), HttpStatusCode.OK);
        Assert.NotNull(own!["derived_key"]);
        await HttpAssert.Body(await asAlice.GetAsync(Path(bob)), HttpStatusCode.NotFound, MissingDoc);
        await HttpAssert.Body(await server.Anonymous.GetAsync(Path(bob)), HttpStatusCode.NotFound, MissingDoc);
        await HttpAssert.Body(await asAlice.GetAsync(Path(bob) + "/photo.png"), HttpStatusCode.NotFound, MissingDoc);
    }

    [Fact]
    public async Task Public_fields_are_shown_to_others()
    {
        string alice = await SignUp("alice"), bob = await SignUp("bob");
        await SecurityKit.Config(server, "chttpd_auth", "public_fields", "name, type");
        try
        {
            using var asAlice = SecurityKit.As(server, alice);
            var doc = await HttpAssert.Json(await asAlice.GetAsync(Path(bob)), HttpStatusCode.OK);
            Assert.Equal(["_id", "_rev", "name", "type"], doc!.AsObject().Select(m => m.Key));
            Assert.Equal(bob, (string?)doc["name"]);
        }
        finally
        {
            await SecurityKit.Config(server, "chttpd_auth", "public_fields", null);
        }
    }

    [Fact]
    public async Task Users_change_only_their_own_document_and_keep_their_roles()
    {
        string alice = await SignUp("alice"), bob = await SignUp("bob");
        using var asAlice = SecurityKit.As(server, alice);
        var doc = (await HttpAssert.Json(await asAlice.GetAsync(Path(alice)), HttpStatusCode.OK))!;
        doc["fullname"] = "Alice";
        await HttpAssert.Json(await asAlice.PutAsync(Path(alice), SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        doc = (await HttpAssert.Json(await asAlice.GetAsync(Path(alice)), HttpStatusCode.OK))!;
        doc["roles"] = new JsonArray("boss");
        await Forbidden(await asAlice.PutAsync(Path(alice), SecurityKit.Json(doc.ToJsonString())), "Only _admin may edit roles");

        var bobs = (await HttpAssert.Json(await server.Client.GetAsync(Path(bob)), HttpStatusCode.OK))!;
        await HttpAssert.Body(await asAlice.PutAsync(Path(bob), SecurityKit.Json(bobs.ToJsonString())), HttpStatusCode.NotFound, MissingDoc);
        await HttpAssert.Body(await asAlice.PostAsync("_users/_bulk_docs", SecurityKit.Json($$"""{"docs":[{{bobs.ToJsonString()}}]}""")),
            HttpStatusCode.NotFound, MissingDoc);
        await Forbidden(await server.Anonymous.PutAsync(Path(bob), SecurityKit.Json(bobs.ToJsonString())), "You may only update your own user document.");
        await HttpAssert.Body(await asAlice.DeleteAsync($"{Path(bob)}?rev={bobs["_rev"]}"), HttpStatusCode.NotFound, MissingDoc);
        var aliceRev = (string)(await HttpAssert.Json(await asAlice.GetAsync(Path(alice)), HttpStatusCode.OK))!["_rev"]!;
        Assert.Equal(HttpStatusCode.OK, (await asAlice.DeleteAsync($"{Path(alice)}?rev={aliceRev}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"N","roles":[]}""", "doc.type must be user")]
    [InlineData("""{"roles":[],"type":"user"}""", "doc.name is required")]
    [InlineData("""{"name":"N","type":"user"}""", "doc.roles must exist")]
    [InlineData("""{"name":"N","roles":"r","type":"user"}""", "doc.roles must be an array")]
    [InlineData("""{"name":"N","roles":[1],"type":"user"}""", "doc.roles can only contain strings")]
    [InlineData("""{"name":"other","roles":[],"type":"user"}""", "Doc ID must be of the form org.couchdb.user:name")]
    [InlineData("""{"name":"N","roles":[],"type":"user","password_sha":"abc"}""", "Users with password_sha must have a salt.See /_utils/script/couch.js for example code.")]
    [InlineData("""{"name":"N","roles":[],"type":"user","password_scheme":"rot13"}""", "Password scheme `rot13` not supported.")]
    [InlineData("""{"name":"N","roles":[],"type":"user","password_scheme":"pbkdf2","derived_key":"ab"}""", "iterations must be a number.")]
    [InlineData("""{"name":"N","roles":[],"type":"user","password_scheme":"pbkdf2","iterations":10}""", "derived_key must be a string.")]
    public async Task Documents_that_break_the_auth_rules_are_refused_even_for_admins(string doc, string reason)
    {
        string name = SecurityKit.NewName("n");
        await Forbidden(await server.Client.PutAsync(Path(name), SecurityKit.Json(doc.Replace("\"N\"", $"\"{name}\"", StringComparison.Ordinal))), reason);
    }

    [Theory]
    [InlineData("_system", "Username may not start with underscore.")]
    [InlineData("a:b", "Character `:` is not allowed in usernames.")]
    public async Task Some_names_are_reserved(string name, string reason) =>
        await Forbidden(await server.Client.PutAsync(Path(name), SecurityKit.Json(UserDoc(name))), reason);

    [Fact]
    public async Task Admins_set_roles_but_no_system_role_except_metrics()
    {
        string name = SecurityKit.NewName("roles");
        await Forbidden(await server.Client.PutAsync(Path(name), SecurityKit.Json(UserDoc(name, """["_admin"]"""))),
            "No system roles (starting with underscore) in users db.");
        await HttpAssert.Json(await server.Client.PutAsync(Path(name), SecurityKit.Json(UserDoc(name, """["staff","_metrics"]"""))), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_database_admin_of_the_users_database_manages_every_user()
    {
        string manager = SecurityKit.NewName("manager");
        await SecurityKit.CreateUser(server, manager, SecurityKit.Password, "user_admin");
        string bob = await SignUp("bob");
        using var client = SecurityKit.As(server, manager);
        var doc = (await HttpAssert.Json(await client.GetAsync(Path(bob)), HttpStatusCode.OK))!;
        doc["roles"] = new JsonArray("promoted");
        await HttpAssert.Json(await client.PutAsync(Path(bob), SecurityKit.Json(doc.ToJsonString())), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("_users/_design/_auth")).StatusCode);
        await HttpAssert.Error(await client.GetAsync("_users/_all_docs"), HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
    }

    [Fact]
    public async Task Design_documents_and_listings_stay_with_admins()
    {
        string alice = await SignUp("alice");
        using var client = SecurityKit.As(server, alice);
        await Forbidden(await client.GetAsync("_users/_design/_auth"), "Only administrators can view design docs in the users database.");
        await Forbidden(await server.Anonymous.GetAsync("_users/_design/_auth"), "Only administrators can view design docs in the users database.");
        await HttpAssert.Body(await client.PutAsync("_users/_design/mine", SecurityKit.Json("{}")), HttpStatusCode.NotFound, MissingDoc);
        await HttpAssert.Error(await server.Anonymous.PutAsync("_users/_design/mine", SecurityKit.Json("{}")), HttpStatusCode.Unauthorized,
            "unauthorized", "You are not a db or server admin.");
        await HttpAssert.Error(await client.GetAsync("_users/_changes"), HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
        await Forbidden(await client.PostAsync("_users/_bulk_get", SecurityKit.Json("""{"docs":[]}""")), "You are not a db or server admin.");
    }
}
