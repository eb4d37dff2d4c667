using System.Net;
using System.Text;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Changes;

public sealed class ChangesParameterTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    [Theory]
    [InlineData("feed=bogus", "Supported `feed` types: normal, continuous, live, longpoll, eventsource")]
    [InlineData("heartbeat=0", "The heartbeat value should be a positive integer (in milliseconds).")]
    [InlineData("heartbeat=-5", "The heartbeat value should be a positive integer (in milliseconds).")]
    [InlineData("heartbeat=soon", "Invalid heartbeat value. Expecting a positive integer value (in milliseconds).")]
    [InlineData("seq_interval=0", "invalid_seq_interval")]
    [InlineData("seq_interval=x", "invalid_seq_interval")]
    [InlineData("since=yesterday", "Malformed sequence supplied in 'since' parameter.")]
    [InlineData("since=", "Malformed sequence supplied in 'since' parameter.")]
    [InlineData("feed=continuous&since=-1", "Malformed sequence supplied in 'since' parameter.")]
    [InlineData("style=newest", "Invalid `style`: must be main_only or all_docs.")]
    public async Task Bad_parameters_are_400_bad_request(string query, string reason)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?{query}"), HttpStatusCode.BadRequest, "bad_request", reason);
    }

    [Theory]
    [InlineData("limit=ten", "Invalid integer parameter: \"ten\"")]
    [InlineData("timeout=later", "Invalid integer parameter: \"later\"")]
    public async Task Numbers_must_be_integers(string query, string reason)
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?{query}"), HttpStatusCode.BadRequest, "query_parse_error", reason);
    }

    [Fact]
    public async Task Booleans_other_than_true_are_ignored()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a");
        Assert.Equal(ChangesKit.Normal(1, 0, ChangesKit.Row(1, "a", revs["a"])),
            await ChangesKit.Text(await Client.GetAsync(db + "/_changes?include_docs=yes&descending=1")));
    }

    [Fact]
    public async Task A_missing_database_is_404() =>
        await HttpAssert.Error(await Client.GetAsync(CouchServer.NewDbName("nope") + "/_changes"), HttpStatusCode.NotFound,
            "not_found", "Database does not exist.");

    [Fact]
    public async Task Other_methods_are_405_with_allow()
    {
        string db = await TestDb.Create(Client);
        var response = await Client.PutAsync(db + "/_changes", null);
        await HttpAssert.Error(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed", "Only GET,POST,HEAD allowed");
        Assert.Equal("GET,POST,HEAD", string.Join(",", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task Post_needs_a_json_content_type_and_a_json_object()
    {
        string db = await TestDb.Create(Client);
        await HttpAssert.Error(await Client.PostAsync(db + "/_changes", new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "bad_content_type", "Content-Type must be application/json");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_changes", "{nope"), HttpStatusCode.BadRequest, "bad_request", "invalid UTF-8 JSON");
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_changes", "[1]"), HttpStatusCode.BadRequest, "bad_request",
            "Request body must be a JSON object");
    }

    [Fact]
    public async Task Post_without_filter_is_a_normal_feed()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a");
        Assert.Equal(ChangesKit.Normal(1, 0, ChangesKit.Row(1, "a", revs["a"])),
            await ChangesKit.Text(await TestDb.Post(Client, db + "/_changes", "{}")));
        Assert.Equal(ChangesKit.Normal(1, 0, ChangesKit.Row(1, "a", revs["a"])),
            await ChangesKit.Text(await TestDb.Post(Client, db + "/_changes", "")));
    }
}
