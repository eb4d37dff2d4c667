using System.Text;
using CouchJs.Database.Documents;

namespace CouchJs.Database.Tests.Documents;

public sealed class DocParserTests
{
    private static IncomingDoc Parse(string json) => DocParser.Parse(Encoding.UTF8.GetBytes(json));

    private static string Body(IncomingDoc doc) => Encoding.UTF8.GetString(doc.Body);

    [Fact]
    public void Special_members_are_taken_out_and_the_body_is_compacted()
    {
        var doc = Parse("""{ "_id" : "a", "x" : [ 1, 2 , {"s": " keep  spaces "} ], "_rev":"2-abc", "y":null }""");
        Assert.Equal("a", doc.Id);
        Assert.Equal(2, doc.RevPos);
        Assert.Equal(["abc"], doc.RevHashes);
        Assert.Equal("""{"x":[1,2,{"s":" keep  spaces "}],"y":null}""", Body(doc));
    }

    [Fact]
    public void A_duplicate_member_keeps_its_last_value() =>
        Assert.Equal("""{"b":2,"a":3}""", Body(Parse("""{"a":1,"b":2,"a":3}""")));

    [Fact]
    public void Escapes_and_unicode_survive_compaction() =>
        Assert.Equal("""{"s":"a\"b\\ \u00e9 é","k\"":1}""", Body(Parse("""{"s": "a\"b\\ \u00e9 é", "k\"" : 1}""")));

    [Fact]
    public void Revisions_give_the_whole_path_and_win_over_rev()
    {
        var doc = Parse("""{"_revisions":{"start":3,"ids":["c","b","a"]},"_rev":"9-zzz"}""");
        Assert.Equal(3, doc.RevPos);
        Assert.Equal(["c", "b", "a"], doc.RevHashes);
    }

    [Fact]
    public void Ignored_meta_members_do_not_reach_the_body() =>
        Assert.Equal("{}", Body(Parse("""{"_conflicts":[],"_revs_info":[],"_local_seq":1,"_deleted_conflicts":[]}""")));

    [Fact]
    public void Deleted_flag_is_read() => Assert.True(Parse("""{"_deleted":true}""").Deleted);

    [Fact]
    public void Inline_attachments_are_decoded_and_stubs_kept()
    {
        var doc = Parse("""{"_attachments":{"a.txt":{"content_type":"text/plain","data":"aGVsbG8="},"b":{"stub":true,"revpos":2}}}""");
        var atts = doc.Attachments!;
        Assert.Equal("hello", Encoding.UTF8.GetString(atts[0].Data!));
        Assert.Equal("text/plain", atts[0].ContentType);
        Assert.True(atts[1].Stub);
        Assert.Equal(2, atts[1].RevPos);
    }

    [Theory]
    [InlineData("{", 400, "bad_request", "invalid UTF-8 JSON")]
    [InlineData("{} x", 400, "bad_request", "invalid UTF-8 JSON")]
    [InlineData("\"str\"", 400, "bad_request", "Document must be a JSON object")]
    [InlineData("""{"_id":1}""", 400, "illegal_docid", "Document id must be a string")]
    [InlineData("""{"_id":""}""", 400, "illegal_docid", "Document id must not be empty")]
    [InlineData("""{"_id":"_design/"}""", 400, "illegal_docid", "Illegal document id `_design/`")]
    [InlineData("""{"_id":"_other"}""", 400, "illegal_docid", "Only reserved document ids may start with underscore.")]
    [InlineData("""{"_rev":"abc"}""", 400, "bad_request", "Invalid rev format")]
    [InlineData("""{"_rev":5}""", 400, "bad_request", "Invalid rev format")]
    [InlineData("""{"_deleted":"yes"}""", 400, "doc_validation", "Bad special document member: _deleted")]
    [InlineData("""{"_revisions":{"ids":["a"]}}""", 400, "doc_validation", "_revisions.start isn't an integer.")]
    [InlineData("""{"_revisions":{"start":1}}""", 400, "doc_validation", "_revisions.ids isn't a array.")]
    [InlineData("""{"_attachments":{"a":{"data":"***"}}}""", 400, "bad_request", "Invalid attachment data for a")]
    public void Bad_documents_get_couchdbs_errors(string json, int status, string error, string reason)
    {
        var e = Assert.Throws<CouchException>(() => Parse(json));
        Assert.Equal((status, error, reason), (e.Status, e.Error, e.Reason));
    }
}
