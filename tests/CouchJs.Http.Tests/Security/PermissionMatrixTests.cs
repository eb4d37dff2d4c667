using System.Net;
using System.Text.Json;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// Every endpoint family against every kind of caller — anonymous, a known user who is no member, a
/// member, a database admin, a server admin — with CouchDB 3.4's status codes and error bodies
/// (chttpd_auth_request, couch_db:check_is_member / check_is_admin, chttpd:verify_is_server_admin).
/// </summary>
public sealed class PermissionMatrixTests(MatrixServer matrix) : IClassFixture<MatrixServer>
{
    private static readonly Expect NotServerAdmin = new(401, "unauthorized", "You are not a server admin.");
    private static readonly Expect AnonymousNotMember = new(401, "unauthorized", "You are not authorized to access this db.");
    private static readonly Expect OutsiderNotMember = new(403, "forbidden", "You are not allowed to access this db.");
    private static readonly Expect MemberNotDbAdmin = new(403, "forbidden", "You are not a db or server admin.");
    private static readonly Expect NotServerOrDbAdmin = new(401, "unauthorized", "You are not a server or db admin.");

    private static Expect S(int status) => new(status);

    // Callers in Caller order: anonymous, outsider, member, db admin, server admin.
    private static Row ServerAdminOnly(string name, Func<MatrixServer, HttpClient, Task<HttpResponseMessage>> act, int ok) =>
        new(name, act, [NotServerAdmin, NotServerAdmin, NotServerAdmin, NotServerAdmin, S(ok)]);

    private static Row Members(string name, Func<MatrixServer, HttpClient, Task<HttpResponseMessage>> act, int ok) =>
        new(name, act, [AnonymousNotMember, OutsiderNotMember, S(ok), S(ok), S(ok)]);

    private static Row DbAdmins(string name, Func<MatrixServer, HttpClient, Task<HttpResponseMessage>> act, int ok, Expect member) =>
        new(name, act, [AnonymousNotMember, OutsiderNotMember, member, S(ok), S(ok)]);

    private static Row Everyone(string name, Func<MatrixServer, HttpClient, Task<HttpResponseMessage>> act) =>
        new(name, act, [S(200), S(200), S(200), S(200), S(200)]);

    private static readonly Row[] Rows =
    [
        Everyone("GET /", (m, c) => c.GetAsync("/")),
        Everyone("GET /_up", (m, c) => c.GetAsync("/_up")),
        Everyone("GET /_uuids", (m, c) => c.GetAsync("/_uuids")),
        Everyone("GET /_session", (m, c) => c.GetAsync("/_session")),
        ServerAdminOnly("GET /_all_dbs", (m, c) => c.GetAsync("/_all_dbs"), 200),
        ServerAdminOnly("POST /_dbs_info", (m, c) => c.PostAsync("/_dbs_info", SecurityKit.Json($$"""{"keys":["{{m.Db}}"]}""")), 200),
        ServerAdminOnly("GET /_active_tasks", (m, c) => c.GetAsync("/_active_tasks"), 200),
        ServerAdminOnly("GET /_node/_local/_config", (m, c) => c.GetAsync("/_node/_local/_config"), 200),
        ServerAdminOnly("GET /_unknown_resource", (m, c) => c.GetAsync("/_unknown_resource"), 400),
        ServerAdminOnly("PUT /{db}", (m, c) => c.PutAsync(CouchServer.NewDbName("matrix-new"), null), 201),
        ServerAdminOnly("DELETE /{db}", async (m, c) => await c.DeleteAsync(await SecurityKit.NewDb(m.Server)), 200),
        ServerAdminOnly("POST /{db}/_purge", (m, c) => c.PostAsync(m.Db + "/_purge", SecurityKit.Json("{}")), 201),
        ServerAdminOnly("GET /{db}/_purged_infos_limit", (m, c) => c.GetAsync(m.Db + "/_purged_infos_limit"), 200),
        ServerAdminOnly("GET /_users/_all_docs", (m, c) => c.GetAsync("/_users/_all_docs"), 200),
        ServerAdminOnly("GET /_users/_changes", (m, c) => c.GetAsync("/_users/_changes"), 200),
        ServerAdminOnly("PUT /_users", (m, c) => c.PutAsync("/_users", null), 412),
        ServerAdminOnly("GET /_replicator/_all_docs", (m, c) => c.GetAsync("/_replicator/_all_docs"), 200),
        Members("GET /{db}", (m, c) => c.GetAsync(m.Db), 200),
        Members("GET /{db}/_security", (m, c) => c.GetAsync(m.Db + "/_security"), 200),
        Members("GET /{db}/doc", (m, c) => c.GetAsync(m.Db + "/doc"), 200),
        Members("PUT /{db}/newdoc", (m, c) => c.PutAsync(m.Db + "/" + SecurityKit.NewName("new"), SecurityKit.Json("{}")), 201),
        Members("DELETE /{db}/doc", async (m, c) =>
        {
            string id = SecurityKit.NewName("del");
            string rev = await SecurityKit.PutDoc(m.Server, m.Db + "/" + id, "{}");
            return await c.DeleteAsync($"{m.Db}/{id}?rev={rev}");
        }, 200),
        Members("GET /{db}/doc/att", (m, c) => c.GetAsync(m.Db + "/doc/att.txt"), 200),
        Members("PUT /{db}/newdoc/att", (m, c) => c.PutAsync($"{m.Db}/{SecurityKit.NewName("att")}/a.txt", new StringContent("x")), 201),
        Members("GET /{db}/_design/d", (m, c) => c.GetAsync(m.Db + "/_design/d"), 200),
        Members("GET /{db}/_design/d/_view/v", (m, c) => c.GetAsync(m.Db + "/_design/d/_view/v"), 200),
        Members("GET /{db}/_all_docs", (m, c) => c.GetAsync(m.Db + "/_all_docs"), 200),
        Members("GET /{db}/_changes", (m, c) => c.GetAsync(m.Db + "/_changes"), 200),
        Members("POST /{db}/_bulk_docs (design doc)", (m, c) =>
            c.PostAsync(m.Db + "/_bulk_docs", SecurityKit.Json($$"""{"docs":[{"_id":"_design/{{SecurityKit.NewName("b")}}"}]}""")), 201),
        Members("GET /{db}/_revs_limit", (m, c) => c.GetAsync(m.Db + "/_revs_limit"), 200),
        DbAdmins("PUT /{db}/_security", (m, c) => c.PutAsync(m.Db + "/_security", SecurityKit.Json(m.Security)), 200, MemberNotDbAdmin),
        DbAdmins("PUT /{db}/_revs_limit", (m, c) => c.PutAsync(m.Db + "/_revs_limit", SecurityKit.Json("1000")), 200, MemberNotDbAdmin),
        DbAdmins("PUT /{db}/_design/new", (m, c) => c.PutAsync($"{m.Db}/_design/{SecurityKit.NewName("dd")}", SecurityKit.Json("{}")), 201, MemberNotDbAdmin),
        DbAdmins("PUT /{db}/_design/new/att", (m, c) =>
            c.PutAsync($"{m.Db}/_design/{SecurityKit.NewName("dd")}/a.txt", new StringContent("x")), 201, MemberNotDbAdmin),
        DbAdmins("POST /{db}/_compact", (m, c) => c.PostAsync(m.Db + "/_compact", SecurityKit.Json("{}")), 202, NotServerOrDbAdmin),
        DbAdmins("POST /{db}/_view_cleanup", (m, c) => c.PostAsync(m.Db + "/_view_cleanup", SecurityKit.Json("{}")), 202, NotServerOrDbAdmin),
        new("GET /_users/org.couchdb.user:member", (m, c) => c.GetAsync("/_users/org.couchdb.user:" + m.Member),
            [AnonymousNotMember, OutsiderNotMember, OutsiderNotMember, OutsiderNotMember, S(200)]),
    ];

    public static TheoryData<string, Caller> Cases()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var row in Rows)
            foreach (var caller in Enum.GetValues<Caller>())
                data.Add(row.Name, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_couchdbs_answer(string endpoint, Caller caller)
    {
        var row = Rows.Single(r => r.Name == endpoint);
        var expect = row.Expected[(int)caller];
        var response = await row.Act(matrix, matrix.Client(caller));
        if (expect.Error is null)
            Assert.True((int)response.StatusCode == expect.Status, $"{endpoint} as {caller}: expected {expect.Status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        else
            await HttpAssert.Error(response, (HttpStatusCode)expect.Status, expect.Error, expect.Reason!);
    }

    [Fact]
    public async Task A_member_s_design_doc_in_bulk_docs_fails_alone()
    {
        string design = "_design/" + SecurityKit.NewName("b"), plain = SecurityKit.NewName("p");
        var response = await matrix.Client(Caller.Member).PostAsync(matrix.Db + "/_bulk_docs",
            SecurityKit.Json($$"""{"docs":[{"_id":"{{design}}"},{"_id":"{{plain}}"}]}"""));
        var results = (await HttpAssert.Json(response, HttpStatusCode.Created))!.AsArray();
        Assert.Equal(JsonSerializer.Serialize(new { id = design, error = "forbidden", reason = "You are not a db or server admin." }), results[0]!.ToJsonString());
        Assert.Equal(true, (bool?)results[1]!["ok"]);
    }

    [Fact]
    public async Task An_anonymous_design_doc_in_a_public_database_is_unauthorized_per_document()
    {
        string db = await SecurityKit.NewDb(matrix.Server, "{}");
        var response = await matrix.Server.Anonymous.PostAsync(db + "/_bulk_docs", SecurityKit.Json("""{"docs":[{"_id":"_design/x"}]}"""));
        await HttpAssert.Body(response, HttpStatusCode.Created, """[{"id":"_design/x","error":"unauthorized","reason":"You are not a db or server admin."}]""");
    }

    [Fact]
    public async Task A_conflicting_design_doc_write_is_a_conflict_not_an_access_error()
    {
        // couch_db:prep_and_validate_update: validation runs only for edits of a current leaf.
        await HttpAssert.Error(await matrix.Client(Caller.Member).PutAsync(matrix.Db + "/_design/d", SecurityKit.Json("{}")),
            HttpStatusCode.Conflict, "conflict", "Document update conflict.");
    }

    public readonly record struct Expect(int Status, string? Error = null, string? Reason = null);

    private sealed record Row(string Name, Func<MatrixServer, HttpClient, Task<HttpResponseMessage>> Act, Expect[] Expected);
}
