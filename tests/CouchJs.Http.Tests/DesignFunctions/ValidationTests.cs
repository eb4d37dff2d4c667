using System.Net;
using System.Text.Json.Nodes;
using CouchJs.Http.Tests.Bulk;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.DesignFunctions;

public sealed class JintValidationTests(CouchServer server) : ValidationTests(server, "jint"), IClassFixture<CouchServer>;

public sealed class V8ValidationTests(CouchServer server) : ValidationTests(server, "v8"), IClassFixture<CouchServer>;

/// <summary>validate_doc_update on every write path, with CouchDB's statuses and per-document bulk errors.</summary>
public abstract class ValidationTests(CouchServer server, string engine) : EngineTest(server, engine)
{
    private const string Validator = """
        {"_id":"_design/rules","validate_doc_update":"function(newDoc, oldDoc, userCtx, secObj) { if (newDoc.echo) throw({forbidden: JSON.stringify({newDoc: newDoc, oldDoc: oldDoc, userCtx: userCtx, secObj: secObj})}); if (newDoc.forbid) throw({forbidden: 'not allowed'}); if (newDoc.detail) throw({forbidden: {field: 'detail', allowed: [1, 2]}}); if (newDoc.auth) throw({unauthorized: 'please log in'}); if (newDoc._deleted && oldDoc && oldDoc.locked) throw({forbidden: 'locked'}); if (newDoc._attachments && newDoc._attachments['blocked.txt']) throw({forbidden: 'no blocked.txt'}); if (oldDoc && oldDoc.frozen && !newDoc._deleted) throw({forbidden: 'frozen'}); }",
         "updates":{"make":"function(doc, req) { return [{_id: req.query.id, forbid: req.query.forbid == 'yes'}, 'made']; }"}}
        """;

    // Documents written before the validator exists.
    private async Task<string> Seeded()
    {
        string db = await Database();
        await TestDb.BulkDocs(Client, db, """[{"_id":"locked","locked":true},{"_id":"frozen","frozen":true},{"_id":"bad","forbid":true}]""");
        Assert.Equal(HttpStatusCode.Created, (await Post(db, Validator)).StatusCode);
        return db;
    }

    [Fact]
    public async Task PUT_and_POST_are_refused_with_403_and_401()
    {
        string db = await Seeded();
        await HttpAssert.Error(await Put($"{db}/a", """{"forbid":true}"""), HttpStatusCode.Forbidden, "forbidden", "not allowed");
        await HttpAssert.Error(await Post(db, """{"_id":"b","forbid":true}"""), HttpStatusCode.Forbidden, "forbidden", "not allowed");
        await HttpAssert.Error(await Put($"{db}/c", """{"auth":true}"""), HttpStatusCode.Unauthorized, "unauthorized", "please log in");
        Assert.Equal(HttpStatusCode.Created, (await Put($"{db}/ok", """{"fine":true}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"{db}/a")).StatusCode);
    }

    [Fact]
    public async Task A_refusal_that_is_no_string_is_the_reason_as_it_was_thrown()
    {
        // chttpd sends the thrown value as the reason, an object included.
        string db = await Seeded();
        const string reason = """{"field":"detail","allowed":[1,2]}""";
        await HttpAssert.Body(await Put($"{db}/d", """{"detail":true}"""), HttpStatusCode.Forbidden, """{"error":"forbidden","reason":""" + reason + "}");
        await HttpAssert.Body(await Post($"{db}/_bulk_docs", """{"docs":[{"_id":"d","detail":true}]}"""), HttpStatusCode.Created,
            """[{"id":"d","error":"forbidden","reason":""" + reason + "}]");
    }

    [Fact]
    public async Task DELETE_is_validated_with_the_old_document()
    {
        string db = await Seeded();
        string rev = await Rev(db, "locked");
        await HttpAssert.Error(await Client.DeleteAsync($"{db}/locked?rev={rev}"), HttpStatusCode.Forbidden, "forbidden", "locked");
    }

    [Fact]
    public async Task Bulk_docs_report_each_refusal_in_place()
    {
        string db = await Seeded();
        await HttpAssert.Body(await Post($"{db}/_bulk_docs", """{"docs":[{"_id":"x1"},{"_id":"x2","forbid":true},{"_id":"x3","auth":true}]}"""), HttpStatusCode.Created,
            """[{"ok":true,"id":"x1","rev":"{{rev}}"},{"id":"x2","error":"forbidden","reason":"not allowed"},{"id":"x3","error":"unauthorized","reason":"please log in"}]"""
                .Replace("{{rev}}", await Rev(db, "x1")));
    }

    [Fact]
    public async Task Replicated_writes_are_validated_and_refusals_name_the_revision()
    {
        string db = await Seeded();
        await HttpAssert.Body(await Post($"{db}/_bulk_docs", """{"new_edits":false,"docs":[{"_id":"r","_rev":"1-abc","forbid":true},{"_id":"s","_rev":"1-def"}]}"""),
            HttpStatusCode.Created, """[{"id":"r","rev":"1-abc","error":"forbidden","reason":"not allowed"}]""");
        await HttpAssert.Error(await Put($"{db}/t?new_edits=false", """{"_rev":"1-abc","forbid":true}"""), HttpStatusCode.Forbidden, "forbidden", "not allowed");
    }

    [Fact]
    public async Task Attachment_uploads_and_deletions_are_validated()
    {
        string db = await Seeded();
        string rev = await Rev(db, "locked");
        var blocked = await Client.PutAsync($"{db}/locked/blocked.txt?rev={rev}", new StringContent("x"));
        await HttpAssert.Error(blocked, HttpStatusCode.Forbidden, "forbidden", "no blocked.txt");
        var fine = await CreatedRev(await Client.PutAsync($"{db}/locked/fine.txt?rev={rev}", new StringContent("x")));
        // frozen: any edit but a deletion is refused, a new attachment as much as its removal.
        string frozen = await Rev(db, "frozen");
        await HttpAssert.Error(await Client.PutAsync($"{db}/frozen/a.txt?rev={frozen}", new StringContent("x")), HttpStatusCode.Forbidden, "forbidden", "frozen");
        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync($"{db}/locked/fine.txt?rev={fine["rev"]}")).StatusCode);
    }

    [Fact]
    public async Task COPY_is_validated_as_a_write_of_the_copy()
    {
        string db = await Seeded();
        var copy = Request(new HttpMethod("COPY"), $"{db}/bad");
        copy.Headers.Add("Destination", "bad-copy");
        await HttpAssert.Error(await Client.SendAsync(copy), HttpStatusCode.Forbidden, "forbidden", "not allowed");
    }

    [Fact]
    public async Task An_update_functions_document_is_validated()
    {
        string db = await Seeded();
        await HttpAssert.Error(await Post($"{db}/_design/rules/_update/make?id=u1&forbid=yes", "{}"), HttpStatusCode.Forbidden, "forbidden", "not allowed");
        Assert.Equal(HttpStatusCode.Created, (await Post($"{db}/_design/rules/_update/make?id=u2", "{}")).StatusCode);
    }

    [Fact]
    public async Task Design_documents_are_not_validated_by_validate_doc_update()
    {
        string db = await Seeded();
        Assert.Equal(HttpStatusCode.Created, (await Put($"{db}/_design/other", """{"forbid":true}""")).StatusCode);
    }

    [Fact]
    public async Task The_function_gets_the_edit_the_old_revision_the_user_and_the_security_object()
    {
        string db = await Seeded();
        const string security = """{"admins":{"names":["boss"],"roles":[]},"members":{"names":[],"roles":[]}}""";
        Assert.Equal(HttpStatusCode.OK, (await Put($"{db}/_security", security)).StatusCode);
        string rev = await Rev(db, "frozen");
        var response = await Server.Anonymous.PutAsync($"{db}/frozen", TestDb.Json($$"""{"_rev":"{{rev}}","echo":1}"""));
        var echo = JsonNode.Parse((string)(await HttpAssert.Json(response, HttpStatusCode.Forbidden))!["reason"]!)!;
        string hash = rev[2..];
        AssertJson($$"""{"_id":"frozen","_rev":"{{rev}}","echo":1,"_revisions":{"start":1,"ids":["{{hash}}"]} }""", echo["newDoc"]);
        AssertJson($$"""{"_id":"frozen","_rev":"{{rev}}","frozen":true,"_revisions":{"start":1,"ids":["{{hash}}"]} }""", echo["oldDoc"]);
        AssertJson($$"""{"db":"{{db}}","name":null,"roles":[]}""", echo["userCtx"]);
        AssertJson(security, echo["secObj"]);
    }

    [Fact]
    public async Task Server_admins_are_validated_too()
    {
        string db = await Seeded();
        var response = await Put($"{db}/adm", """{"echo":1}""");
        var echo = JsonNode.Parse((string)(await HttpAssert.Json(response, HttpStatusCode.Forbidden))!["reason"]!)!;
        AssertJson($$"""{"db":"{{db}}","name":"admin","roles":["_admin"]}""", echo["userCtx"]);
        Assert.Null(echo["oldDoc"]);
    }
}
