using CouchJs.DesignFunctions.Tests.Support;

namespace CouchJs.DesignFunctions.Tests.Validation;

/// <summary>
/// A bulk write's verdicts are the same whether the documents go in batched <c>validate_docs</c>
/// commands (CouchJs's own core) or one <c>ddoc</c> command each (any other couchjs-protocol program).
/// </summary>
public sealed class ValidationProtocolTests
{
    private const string Validator = """{"_id":"_design/v","validate_doc_update":"function(doc) { if (doc.forbid) throw({forbidden: 'no ' + doc._id}); if (doc.auth) throw({unauthorized: 'log in'}); if (doc.crash) return doc.missing.field; }"}""";

    private const string Second = """{"_id":"_design/w","validate_doc_update":"function(doc) { if (doc.second) throw({forbidden: 'second says no'}); }"}""";

    public static TheoryData<string> Engines => ["jint", "foreign"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Each_document_gets_its_own_verdict_from_the_first_validator_that_refuses(string engine)
    {
        await using var h = engine == "jint" ? FunctionsHarness.Jint() : FunctionsHarness.ForeignCommand();
        await h.Put(Validator);
        await h.Put(Second);
        var docs = new List<string>();
        for (int i = 0; i < 60; i++) docs.Add($$"""{"_id":"ok{{i}}","pad":"{{new string('x', 900)}}"}""");
        docs.AddRange(["""{"_id":"f","forbid":true,"second":true}""", """{"_id":"a","auth":true}""", """{"_id":"c","crash":true}""", """{"_id":"s","second":true}"""]);
        var results = await h.PutAll(true, [.. docs]);
        Assert.All(results.Take(60), r => Assert.True(r.Ok));
        Assert.Equal(
            [(403, "forbidden", "no f"), (401, "unauthorized", "log in"), (500, "TypeError", null), (403, "forbidden", "second says no")],
            results.Skip(60).Select(r => (r.Error!.Status, r.Error.Error, r.Error.Error == "TypeError" ? null : r.Error.Reason)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_validator_that_does_not_compile_fails_every_document_it_judges(string engine)
    {
        await using var h = engine == "jint" ? FunctionsHarness.Jint() : FunctionsHarness.ForeignCommand();
        await h.Put("""{"_id":"_design/v","validate_doc_update":"function(doc) { return }}"}""");
        var results = await h.PutAll(true, """{"_id":"a"}""", """{"_id":"b"}""");
        Assert.All(results, r => Assert.Equal((500, "compilation_error"), (r.Error!.Status, r.Error.Error)));
    }
}
