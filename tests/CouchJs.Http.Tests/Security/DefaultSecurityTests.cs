using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// <c>[couchdb] default_security</c> is written into a database when it is created (couch_bt_engine
/// stores couch_db_updater's default security object with the new file's first header), so changing
/// the setting later leaves existing databases as they were. <c>admin_local</c> restricts only
/// node-local databases: a database a client creates is open, as with <c>everyone</c>.
/// </summary>
public sealed class DefaultSecurityTests(CouchServer server) : IClassFixture<CouchServer>
{
    private const string AdminOnly = """{"members":{"roles":["_admin"]},"admins":{"roles":["_admin"]}}""";

    [Fact]
    public async Task A_database_keeps_the_default_it_was_created_with()
    {
        string adminOnly = await SecurityKit.NewDb(server);
        try
        {
            await SecurityKit.Config(server, "couchdb", "default_security", "everyone");
            string open = await SecurityKit.NewDb(server);
            await SecurityKit.Config(server, "couchdb", "default_security", "admin_local");
            string local = await SecurityKit.NewDb(server);

            await HttpAssert.Body(await server.Client.GetAsync(adminOnly + "/_security"), HttpStatusCode.OK, AdminOnly);
            await HttpAssert.Error(await server.Anonymous.GetAsync(adminOnly), HttpStatusCode.Unauthorized, "unauthorized", "You are not authorized to access this db.");
            foreach (string db in (string[])[open, local])
            {
                await HttpAssert.Body(await server.Client.GetAsync(db + "/_security"), HttpStatusCode.OK, "{}");
                Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync(db)).StatusCode);
            }

            await SecurityKit.Config(server, "couchdb", "default_security", "admin_only");
            await HttpAssert.Body(await server.Client.GetAsync(open + "/_security"), HttpStatusCode.OK, "{}");
            Assert.Equal(HttpStatusCode.OK, (await server.Anonymous.GetAsync(open)).StatusCode);
        }
        finally
        {
            await SecurityKit.Config(server, "couchdb", "default_security", "admin_only");
        }
    }
}
