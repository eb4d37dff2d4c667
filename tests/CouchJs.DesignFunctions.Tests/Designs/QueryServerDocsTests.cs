using System.Text;
using CouchJs.Database.Model;
using CouchJs.DesignFunctions.Documents;
using CouchJs.DesignFunctions.Tests.Support;

namespace CouchJs.DesignFunctions.Tests.Designs;

/// <summary>Documents as query servers get them: stored revisions (json_doc) and edits (to_json_obj with revs).</summary>
public sealed class QueryServerDocsTests : IAsyncLifetime
{
    private readonly FunctionsHarness _h = FunctionsHarness.Jint();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_stored_revision_has_revisions_cut_to_the_limit_and_conflicts_when_asked()
    {
        var ids = Enumerable.Range(1, 25).Reverse().Select(i => $"\"{i:x32}\"").ToList();
        await _h.Put($$"""{"_id":"a","_rev":"25-{{25:x32}}","_revisions":{"start":25,"ids":[{{string.Join(',', ids)}}]},"v":1}""", newEdits: false);
        await _h.Put("""{"_id":"a","_rev":"1-ff","w":2}""", newEdits: false);
        using var reader = _h.Db.OpenReader();
        var info = reader.Get("a")!;
        var json = Encoding.UTF8.GetString(new QueryServerDocs(3).Stored(reader, info, info.Winner, conflicts: true));
        Assert.Equal($$"""{"_id":"a","_rev":"25-{{25:x32}}","v":1,"_revisions":{"start":25,"ids":["{{25:x32}}","{{24:x32}}","{{23:x32}}"]},"_conflicts":["1-ff"]}""", json);
    }

    [Fact]
    public void An_edit_lists_its_attachments_as_stubs_taking_stored_ones_for_client_stubs()
    {
        var doc = FunctionsHarness.Doc("""
            {"_id":"a","_rev":"2-bb","_revisions":{"start":2,"ids":["bb","aa"]},"x":1,"_deleted":true,
             "_attachments":{"new.txt":{"content_type":"text/plain","data":"aGVsbG8="},"old.txt":{"stub":true}}}
            """);
        var stored = new AttachmentInfo("old.txt", "text/css", 3, 3, "md5-abc", 1, null, []);
        Assert.Equal("""
            {"_id":"a","_rev":"2-bb","x":1,"_deleted":true,"_revisions":{"start":2,"ids":["bb","aa"]},"_attachments":{"new.txt":{"content_type":"text/plain","revpos":0,"length":5,"stub":true},"old.txt":{"content_type":"text/css","revpos":1,"digest":"md5-abc","length":3,"stub":true}}}
            """.Trim(), Encoding.UTF8.GetString(QueryServerDocs.Edits([doc], [[stored]])[0].Span));
    }

    [Fact]
    public void A_new_document_has_neither_rev_nor_revisions()
    {
        Assert.Equal("""{"_id":"n"}""", Encoding.UTF8.GetString(QueryServerDocs.Edits([FunctionsHarness.Doc("""{"_id":"n"}""")], [[]])[0].Span));
    }

    [Fact]
    public void Edits_written_together_are_each_whole()
    {
        // Enough of them that the shared buffer grows while they are written.
        var docs = Enumerable.Range(0, 200).Select(i => FunctionsHarness.Doc($$"""{"_id":"d{{i}}","pad":"{{new string('p', i * 7)}}"}""")).ToList();
        var edits = QueryServerDocs.Edits(docs, docs.ConvertAll(_ => (IReadOnlyList<AttachmentInfo>)[]));
        Assert.Equal(
            Enumerable.Range(0, 200).Select(i => $$"""{"_id":"d{{i}}","pad":"{{new string('p', i * 7)}}"}"""),
            edits.Select(e => Encoding.UTF8.GetString(e.Span)));
    }
}
