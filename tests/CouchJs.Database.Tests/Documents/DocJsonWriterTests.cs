using System.Security.Cryptography;
using System.Text;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Tests.Documents;

public sealed class DocJsonWriterTests : IAsyncLifetime
{
    private static readonly string A = "1-" + new string('a', 32);
    private static readonly string B = "1-" + new string('b', 32);
    private static readonly string C = "2-" + new string('c', 32);
    private static readonly string BinDigest = "md5-" + Convert.ToBase64String(MD5.HashData(new byte[] { 0, 1, 2 }));

    private readonly DatabaseServer _server = new(null, DatabaseOptions.Default);
    private CouchDatabase _db = null!;

    public Task InitializeAsync()
    {
        _db = _server.Create("db");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<Rev> Write(string json, bool newEdits = true) =>
        (await _db.UpdateDoc(DocParser.Parse(Encoding.UTF8.GetBytes(json)), newEdits)).Rev!.Value;

    private string Render(string id, DocRenderOptions options, Rev? rev = null)
    {
        using var reader = _db.OpenReader();
        var info = reader.Get(id)!;
        var leaf = rev is { } r ? info.Tree.Find(r)! : info.Winner;
        return Encoding.UTF8.GetString(DocJsonWriter.Render(reader, info, leaf, options));
    }

    private static string Digest(string text) => "md5-" + Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task The_stored_body_follows_id_and_rev_unchanged()
    {
        var rev = await Write("""{"_id":"a","s":"é \"q\" <tag>","n":[1.50,-0,1e3],"o":{}}""");
        Assert.Equal($$$"""{"_id":"a","_rev":"{{{rev}}}","s":"é \"q\" <tag>","n":[1.50,-0,1e3],"o":{}}""", Render("a", DocRenderOptions.Plain));
    }

    [Fact]
    public async Task An_empty_body_renders_only_id_and_rev()
    {
        var rev = await Write("""{"_id":"a"}""");
        Assert.Equal($$$"""{"_id":"a","_rev":"{{{rev}}}"}""", Render("a", DocRenderOptions.Plain));
    }

    [Fact]
    public async Task Ids_are_escaped_as_json_strings()
    {
        var rev = await Write("""{"_id":"q\"u\\o/té"}""");
        Assert.Equal($$$"""{"_id":"q\"u\\o/té","_rev":"{{{rev}}}"}""", Render("q\"u\\o/té", DocRenderOptions.Plain));
    }

    [Fact]
    public async Task A_deleted_revision_ends_its_body_with_deleted_true()
    {
        var first = await Write("""{"_id":"a","v":1}""");
        var tombstone = await Write($$$"""{"_id":"a","_rev":"{{{first}}}","_deleted":true,"why":"gone"}""");
        Assert.Equal($$$"""{"_id":"a","_rev":"{{{tombstone}}}","why":"gone","_deleted":true}""", Render("a", DocRenderOptions.Plain));
    }

    [Fact]
    public async Task Special_members_come_in_couchdbs_order()
    {
        await Write($$$"""{"_id":"c","_rev":"{{{A}}}","v":"a"}""", newEdits: false);
        await Write($$$"""{"_id":"c","_rev":"{{{B}}}","v":"b"}""", newEdits: false);
        await Write($$$"""{"_id":"c","_revisions":{"start":2,"ids":["{{{C[2..]}}}","{{{A[2..]}}}"]},"_deleted":true}""", newEdits: false);
        await Write($$$$"""{"_id":"c","_rev":"{{{{B}}}}","_attachments":{"x.txt":{"content_type":"text/plain","data":"eA=="}}}""");
        using var reader = _db.OpenReader();
        var winner = reader.Get("c")!.Winner.Rev;
        var options = new DocRenderOptions { Revs = true, RevsInfo = true, LocalSeq = true, Conflicts = true, DeletedConflicts = true };
        Assert.Equal(
            $$$$"""{"_id":"c","_rev":"{{{{winner}}}}","_revisions":{"start":2,"ids":["{{{{winner.Hash}}}}","{{{{B[2..]}}}}"]},"_revs_info":[{"rev":"{{{{winner}}}}","status":"available"},{"rev":"{{{{B}}}}","status":"available"}],"_local_seq":4,"_deleted_conflicts":["{{{{C}}}}"],"_attachments":{"x.txt":{"content_type":"text/plain","revpos":2,"digest":"{{{{Digest("x")}}}}","length":1,"stub":true}}}""",
            Render("c", options));
    }

    [Fact]
    public async Task Conflicts_list_live_losers_rev_descending()
    {
        string low = "1-" + new string('1', 32), mid = "1-" + new string('5', 32), high = "1-" + new string('9', 32);
        foreach (string rev in new[] { mid, low, high }) await Write($$$"""{"_id":"c","_rev":"{{{rev}}}"}""", newEdits: false);
        Assert.Equal($$$"""{"_id":"c","_rev":"{{{high}}}","_conflicts":["{{{mid}}}","{{{low}}}"]}""", Render("c", new DocRenderOptions { Conflicts = true }));
        Assert.Equal($$$"""{"_id":"c","_rev":"{{{high}}}"}""", Render("c", new DocRenderOptions { DeletedConflicts = true }));
    }

    [Fact]
    public async Task Revs_info_marks_deleted_and_unknown_revisions()
    {
        string unknown = new('0', 32);
        await Write($$$"""{"_id":"d","_revisions":{"start":3,"ids":["{{{new string('3', 32)}}}","{{{new string('2', 32)}}}","{{{unknown}}}"]},"_deleted":true}""",
            newEdits: false);
        Assert.Equal(
            $$$"""{"_id":"d","_rev":"3-{{{new string('3', 32)}}}","_deleted":true,"_revs_info":[{"rev":"3-{{{new string('3', 32)}}}","status":"deleted"},{"rev":"2-{{{new string('2', 32)}}}","status":"missing"},{"rev":"1-{{{unknown}}}","status":"missing"}]}""",
            Render("d", new DocRenderOptions { RevsInfo = true }));
    }

    [Fact]
    public async Task Attachments_render_as_stubs_inline_data_or_follows()
    {
        var rev = await Write("""{"_id":"a","_attachments":{"t.txt":{"content_type":"text/plain","data":"aGVsbG8="},"b.bin":{"content_type":"application/octet-stream","data":"AAEC"}}}""");
        string stub = $$$$"""{"_id":"a","_rev":"{{{{rev}}}}","_attachments":{"t.txt":{"content_type":"text/plain","revpos":1,"digest":"{{{{Digest("hello")}}}}","length":5,"stub":true},"b.bin":{"content_type":"application/octet-stream","revpos":1,"digest":"{{{{BinDigest}}}}","length":3,"stub":true}}}""";
        Assert.Equal(stub, Render("a", DocRenderOptions.Plain));
        string inline = Render("a", new DocRenderOptions { Attachments = true });
        Assert.Contains("\"t.txt\":{\"content_type\":\"text/plain\",\"revpos\":1,\"digest\":\"" + Digest("hello") + "\",\"data\":\"aGVsbG8=\"}", inline);
        Assert.Contains("\"data\":\"AAEC\"}", inline);
        string follows = Render("a", new DocRenderOptions { Attachments = true, Follows = true, AttEncodingInfo = true });
        Assert.Matches("\"t.txt\":\\{\"content_type\":\"text/plain\",\"revpos\":1,\"digest\":\"[^\"]+\",\"length\":5,\"follows\":true,\"encoding\":\"gzip\",\"encoded_length\":\\d+\\}", follows);
        Assert.Contains("\"length\":3,\"follows\":true}", follows);
    }

    [Fact]
    public async Task Atts_since_keeps_attachments_of_known_ancestors_as_stubs()
    {
        var first = await Write("""{"_id":"a","_attachments":{"old.txt":{"content_type":"text/plain","data":"b2xk"}}}""");
        var second = await Write($$$$"""{"_id":"a","_rev":"{{{{first}}}}","_attachments":{"old.txt":{"stub":true},"new.txt":{"content_type":"text/plain","data":"bmV3"}}}""");
        var options = new DocRenderOptions { Attachments = true, AttsSince = [first, new Rev(7, "x")] };
        string json = Render("a", options);
        Assert.Contains("\"old.txt\":{\"content_type\":\"text/plain\",\"revpos\":1,\"digest\":\"" + Digest("old") + "\",\"length\":3,\"stub\":true}", json);
        Assert.Contains("\"data\":\"bmV3\"", json);
        using var reader = _db.OpenReader();
        var leaf = reader.Get("a")!.Winner;
        Assert.Equal(["new.txt"], DocJsonWriter.AttachmentsWithData(leaf, options).Select(a => a.Name));
        Assert.Equal(["old.txt", "new.txt"], DocJsonWriter.AttachmentsWithData(leaf, new DocRenderOptions { Follows = true }).Select(a => a.Name));
        Assert.Empty(DocJsonWriter.AttachmentsWithData(leaf, DocRenderOptions.Plain));
        // Since the leaf itself: nothing newer.
        Assert.Empty(DocJsonWriter.AttachmentsWithData(leaf, options with { AttsSince = [second] }));
    }

    [Fact]
    public async Task An_older_revision_renders_with_its_own_path()
    {
        var first = await Write("""{"_id":"a","v":1}""");
        await Write($$$"""{"_id":"a","_rev":"{{{first}}}","v":2}""");
        Assert.Equal($$$"""{"_id":"a","_rev":"{{{first}}}","v":1,"_revisions":{"start":1,"ids":["{{{first.Hash}}}"]}}""",
            Render("a", new DocRenderOptions { Revs = true }, first));
    }
}
