using System.Net;
using CouchJs.Http.Tests.Support;
using static CouchJs.Http.Tests.Maintenance.MaintenanceKit;

namespace CouchJs.Http.Tests.Maintenance;

public sealed class PurgeLimitTests
{
    [Fact]
    public async Task The_purge_section_limits_documents_and_revisions_per_request()
    {
        await using var server = await RestartableServer.Start(new Dictionary<string, string>
        {
            ["COUCHJS_PURGE__MAX_DOCUMENT_ID_NUMBER"] = "2",
            ["COUCHJS_PURGE__MAX_REVISIONS_NUMBER"] = "3",
        });
        var client = server.Client;
        string db = await NewDb(client);
        const string rev = "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        await HttpAssert.Error(await Post(client, $"{db}/_purge", $$"""{"a":[],"b":[],"c":[]}"""), HttpStatusCode.BadRequest,
            "bad_request", "Exceeded maximum number of documents.");
        await HttpAssert.Error(await Post(client, $"{db}/_purge", $$"""{"a":["{{rev}}","{{rev}}"],"b":["{{rev}}","{{rev}}"]}"""),
            HttpStatusCode.BadRequest, "bad_request", "Exceeded maximum number of revisions.");
        await HttpAssert.Body(await Post(client, $"{db}/_purge", $$"""{"a":["{{rev}}","{{rev}}"],"b":["{{rev}}"]}"""), HttpStatusCode.Created,
            """{"purge_seq":null,"purged":{"a":[],"b":[]}}""");
    }
}
