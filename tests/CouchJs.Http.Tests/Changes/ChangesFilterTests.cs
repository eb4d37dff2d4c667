using System.Net;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Documents;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Changes.ChangesKit;

namespace CouchJs.Http.Tests.Changes;

public sealed class ChangesFilterTests(CouchServer server) : IClassFixture<CouchServer>
{
    private HttpClient Client => server.Client;

    private async Task<(string Db, Dictionary<string, string> Revs)> ThreeDocs()
    {
        string db = await TestDb.Create(Client);
        return (db, await TestDb.Put(Client, db, "a", "b", "c"));
    }

    [Fact]
    public async Task Doc_ids_from_the_query_string()
    {
        var (db, revs) = await ThreeDocs();
        string ids = Uri.EscapeDataString("""["c","a","zz"]""");
        // Looked-up documents: last_seq is the database's, pending counts the changes not looked at.
        Assert.Equal(Normal(3, 1, Row(1, "a", revs["a"]), Row(3, "c", revs["c"])),
            await Text(await Client.GetAsync($"{db}/_changes?filter=_doc_ids&doc_ids={ids}")));
    }

    [Fact]
    public async Task Doc_ids_from_a_post_body()
    {
        var (db, revs) = await ThreeDocs();
        Assert.Equal(Normal(3, 2, Row(2, "b", revs["b"])),
            await Text(await TestDb.Post(Client, db + "/_changes?filter=_doc_ids", """{"doc_ids":["b"]}""")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&doc_ids=%7B%7D")]
    [InlineData("&doc_ids=%5B1%5D")]
    public async Task Doc_ids_must_be_a_list_of_strings(string query)
    {
        var (db, _) = await ThreeDocs();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?filter=_doc_ids{query}"), HttpStatusCode.BadRequest,
            "bad_request", "`doc_ids` filter parameter is not a list of doc ids.");
    }

    [Fact]
    public async Task Doc_ids_that_are_not_json_are_a_bad_request()
    {
        var (db, _) = await ThreeDocs();
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?filter=_doc_ids&doc_ids=%5Bx"), HttpStatusCode.BadRequest,
            "bad_request", "invalid UTF-8 JSON");
    }

    [Fact]
    public async Task Selector_from_a_post_body_with_fields_for_included_documents()
    {
        string db = await TestDb.Create(Client);
        var results = await TestDb.BulkDocs(Client, db, """[{"_id":"a","k":1,"t":"x"},{"_id":"b","k":2},{"_id":"c","k":1,"t":"y"}]""");
        string revA = (string)results[0]!["rev"]!, revC = (string)results[2]!["rev"]!;
        Assert.Equal(Normal(3, 0, Row(1, "a", revA), Row(3, "c", revC)),
            await Text(await TestDb.Post(Client, db + "/_changes?filter=_selector", """{"selector":{"k":1}}""")));
        string withFields = $$$"""{"seq":"{{{Seq(3)}}}","id":"c","changes":[{"rev":"{{{revC}}}"}],"doc":{"t":"y","_id":"c"}}""";
        Assert.Equal(Normal(3, 0, withFields),
            await Text(await TestDb.Post(Client, db + "/_changes?filter=_selector&include_docs=true",
                """{"selector":{"t":{"$gt":"x"}},"fields":["t","_id","missing"]}""")));
    }

    [Theory]
    [InlineData("""{}""", "Selector error: expected a JSON object")]
    [InlineData("""{"selector":[1]}""", "Selector error: expected a JSON object")]
    [InlineData("""{"selector":{"k":{"$foo":1}}}""", "Invalid operator: $foo")]
    [InlineData("""{"selector":{"k":{"$in":1}}}""", "Bad argument for operator $in: 1")]
    [InlineData("""{"selector":{"k":1},"fields":"k"}""", "Selector error: fields must be JSON array")]
    [InlineData("""{"selector":{"k":1},"fields":[2]}""", "Invalid JSON for field spec: 2")]
    public async Task Bad_selectors_are_a_bad_request_with_mangos_reason(string body, string reason)
    {
        var (db, _) = await ThreeDocs();
        await HttpAssert.Error(await TestDb.Post(Client, db + "/_changes?filter=_selector", body), HttpStatusCode.BadRequest, "bad_request", reason);
    }

    [Fact]
    public async Task Selector_needs_a_post()
    {
        var (db, _) = await ThreeDocs();
        await HttpAssert.Error(await Client.GetAsync(db + "/_changes?filter=_selector"), HttpStatusCode.BadRequest,
            "bad_request", "Selector must be specified in POST payload");
    }

    [Fact]
    public async Task Design_filter_reports_design_documents_only()
    {
        string db = await TestDb.Create(Client);
        var revs = await TestDb.Put(Client, db, "a", "_design/d", "b");
        Assert.Equal(Normal(3, 2, Row(2, "_design/d", revs["_design/d"])), await Text(await Client.GetAsync(db + "/_changes?filter=_design")));
    }

    [Theory]
    [InlineData("filter=_bogus", 400, "bad_request", "unknown builtin filter name")]
    [InlineData("filter=a/b/c", 400, "bad_request", "`filter` must be of the form `designname/filtername`")]
    [InlineData("filter=_view", 400, "bad_request", "`view` filter parameter is not provided.")]
    [InlineData("filter=_view&view=v", 400, "bad_request", "`view` must be of the form `designname/viewname`")]
    [InlineData("filter=nodoc/f", 404, "not_found", "missing")]
    [InlineData("filter=_view&view=nodoc/v", 404, "not_found", "missing")]
    [InlineData("filter=empty/f", 404, "not_found", "missing json key: filters")]
    [InlineData("filter=_view&view=empty/v", 404, "not_found", "missing json key: views")]
    [InlineData("filter=fns/other", 404, "not_found", "missing json key: other")]
    [InlineData("filter=gone/f", 404, "not_found", "deleted")]
    public async Task Design_document_filters_are_checked_as_couchdb_checks_them(string query, int status, string error, string reason)
    {
        string db = await TestDb.Create(Client);
        await DocKit.Put(Client, db + "/_design/empty", "{}");
        await DocKit.Put(Client, db + "/_design/fns", """{"filters":{"f":"function(doc, req) { return true; }"}}""");
        // A design doc whose filters member is not an object (CouchDB's json_mismatch) is refused on write
        // by couch_mrview:validate, so it cannot be set up over HTTP.
        string rev = await DocKit.Put(Client, db + "/_design/gone", """{"filters":{"f":"function() {}"}}""");
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync($"{db}/_design/gone?rev={rev}")).StatusCode);
        await HttpAssert.Error(await Client.GetAsync($"{db}/_changes?{query}"), (HttpStatusCode)status, error, reason);
    }
}
