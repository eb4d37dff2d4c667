using System.Net;
using System.Text;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Databases;

public sealed class DatabaseEndpointTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Create_is_201_with_location_then_412_when_it_exists()
    {
        string name = CouchServer.NewDbName();
        var created = await Client.PutAsync(name, null);
        await HttpAssert.Body(created, HttpStatusCode.Created, """{"ok":true}""");
        Assert.Equal(new Uri(server.BaseAddress, name), created.Headers.Location);
        await HttpAssert.Error(await Client.PutAsync(name, null), HttpStatusCode.PreconditionFailed,
            "file_exists", "The database could not be created, the file already exists.");
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("1starts-with-digit")]
    [InlineData("has space")]
    [InlineData("_underscore")]
    public async Task Illegal_names_are_400(string name) =>
        await HttpAssert.Error(await Client.PutAsync(Uri.EscapeDataString(name), null), HttpStatusCode.BadRequest, "illegal_database_name",
            $"Name: '{name}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.");

    [Fact]
    public async Task Names_with_slashes_are_addressed_escaped()
    {
        string name = CouchServer.NewDbName("team") + "/sub";
        Assert.Equal(HttpStatusCode.Created, (await Client.PutAsync(Uri.EscapeDataString(name), null)).StatusCode);
        var info = await HttpAssert.Json(await Client.GetAsync(Uri.EscapeDataString(name)), HttpStatusCode.OK);
        Assert.Equal(name, (string?)info!["db_name"]);
    }

    [Fact]
    public async Task Info_has_every_field_of_a_new_database()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        var response = await Client.GetAsync(name);
        var info = (await HttpAssert.Json(response, HttpStatusCode.OK))!.AsObject();
        HttpAssert.CouchHeaders(response);
        Assert.Equal(
            ["instance_start_time", "db_name", "purge_seq", "update_seq", "committed_update_seq", "sizes", "disk_size", "props",
             "doc_del_count", "doc_count", "disk_format_version", "compact_running", "cluster"],
            info.Select(p => p.Key));
        Assert.Equal(name, (string?)info["db_name"]);
        Assert.Equal(0, (int)info["doc_count"]!);
        Assert.StartsWith("0-", (string?)info["update_seq"]);
        Assert.True((long)info["sizes"]!["file"]! > 0);
        Assert.Equal("""{"q":1,"n":1,"w":1,"r":1}""", info["cluster"]!.ToJsonString());
        Assert.True(long.Parse((string)info["instance_start_time"]!) > 1_600_000_000_000_000);
    }

    [Fact]
    public async Task Head_answers_without_body_and_404_when_missing()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, name));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        var missing = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "nope-" + name));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Missing_database_is_404_with_couchdbs_reason() =>
        await HttpAssert.Error(await Client.GetAsync(CouchServer.NewDbName("missing")), HttpStatusCode.NotFound, "not_found", "Database does not exist.");

    [Fact]
    public async Task Delete_removes_and_then_is_404()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        await HttpAssert.Body(await Client.DeleteAsync(name), HttpStatusCode.OK, """{"ok":true}""");
        await HttpAssert.Error(await Client.DeleteAsync(name), HttpStatusCode.NotFound, "not_found", "Database does not exist.");
    }

    [Fact]
    public async Task Delete_with_rev_is_refused()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        await HttpAssert.Error(await Client.DeleteAsync(name + "?rev=1-abc"), HttpStatusCode.BadRequest, "bad_request",
            "You tried to DELETE a database with a ?=rev parameter. Did you mean to DELETE a document instead?");
    }

    [Fact]
    public async Task Post_creates_a_document_with_a_generated_id()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        var response = await Client.PostAsync(name, new StringContent("""{"a":1}""", Encoding.UTF8, "application/json"));
        var body = (await HttpAssert.Json(response, HttpStatusCode.Created))!.AsObject();
        Assert.True((bool)body["ok"]!);
        Assert.Matches("^[0-9a-f]{32}$", (string?)body["id"]);
        Assert.Matches("^1-[0-9a-f]{32}$", (string?)body["rev"]);
        Assert.Equal($"\"{body["rev"]}\"", response.Headers.ETag?.ToString());
        var info = await HttpAssert.Json(await Client.GetAsync(name), HttpStatusCode.OK);
        Assert.Equal(1, (int)info!["doc_count"]!);
        Assert.StartsWith("1-", (string?)info["update_seq"]);
    }

    [Fact]
    public async Task Post_batch_ok_is_202()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        var response = await Client.PostAsync(name + "?batch=ok", new StringContent("""{"_id":"b1"}""", Encoding.UTF8, "application/json"));
        await HttpAssert.Body(response, HttpStatusCode.Accepted, """{"ok":true,"id":"b1"}""");
    }

    [Fact]
    public async Task Post_with_a_non_json_type_is_415()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        await HttpAssert.Error(await Client.PostAsync(name, new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "bad_content_type", "Content-Type must be application/json");
    }

    [Theory]
    [InlineData("{not json", "bad_request", "invalid UTF-8 JSON")]
    [InlineData("[1,2]", "bad_request", "Document must be a JSON object")]
    [InlineData("""{"_id":"_bad"}""", "illegal_docid", "Only reserved document ids may start with underscore.")]
    [InlineData("""{"_foo":1}""", "doc_validation", "Bad special document member: _foo")]
    public async Task Post_bad_documents_are_400(string body, string error, string reason)
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        await HttpAssert.Error(await Client.PostAsync(name, new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, error, reason);
    }

    [Fact]
    public async Task A_new_database_is_admin_only()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        await HttpAssert.Error(await server.Anonymous.GetAsync(name), HttpStatusCode.Unauthorized,
            "unauthorized", "You are not authorized to access this db.");
        await HttpAssert.Error(await server.Anonymous.PutAsync(CouchServer.NewDbName(), null), HttpStatusCode.Unauthorized,
            "unauthorized", "You are not a server admin.");
    }

    [Fact]
    public async Task A_database_without_members_is_public_but_its_admin_resources_are_not()
    {
        string name = CouchServer.NewDbName();
        await Client.PutAsync(name, null);
        await Client.PutAsync(name + "/_security", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync(name)).StatusCode);
        var created = await server.Anonymous.PutAsync(name + "/doc", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await HttpAssert.Error(await server.Anonymous.PutAsync(name + "/_design/x", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.Unauthorized, "unauthorized", "You are not a db or server admin.");
        // chttpd_auth_request:require_db_admin words it the other way round than couch_db:check_is_admin.
        await HttpAssert.Error(await server.Anonymous.PostAsync(name + "/_compact", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.Unauthorized, "unauthorized", "You are not a server or db admin.");
    }
}
