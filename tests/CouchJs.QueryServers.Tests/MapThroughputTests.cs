using System.Diagnostics;
using System.Text;
using CouchJs.QueryServers.Tests.Support;
using Xunit.Abstractions;

namespace CouchJs.QueryServers.Tests;

/// <summary>
/// A micro-measure, not a timed test: maps 1 KB documents in batches of 100 with
/// <c>emit(doc.type, doc.value)</c> on each engine, checks every result, and prints docs/s (run with
/// <c>--logger "console;verbosity=detailed"</c> to see it). Nothing is asserted about speed.
/// </summary>
public sealed class MapThroughputTests(ITestOutputHelper output)
{
    private const int Batch = 100;
    private const int Batches = 200;

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Map_1kb_docs_in_batches_of_100(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        await server.Reset(new QueryServerConfig(), default);
        await server.AddFun("function(doc){ emit(doc.type, doc.value); }", default);
        var docs = Documents();
        // Warm up: Jint's interpreter and the JIT both need a few thousand documents to settle.
        for (int i = 0; i < Batches / 2; i++) await server.MapDocs(docs, default);

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Batches; i++)
        {
            var results = await server.MapDocs(docs, default);
            Assert.Equal("""[[["type3",3]]]""", Json.Text(results[3]));
        }
        clock.Stop();
        output.WriteLine($"{engine}: {Batch * Batches / clock.Elapsed.TotalSeconds:F0} docs/s ({Batch * Batches} docs of {docs[0].Length} bytes, batches of {Batch})");
    }

    private static ReadOnlyMemory<byte>[] Documents()
    {
        var docs = new ReadOnlyMemory<byte>[Batch];
        for (int i = 0; i < Batch; i++)
        {
            string padding = new('x', 900);
            string doc = $$"""{"_id":"doc-{{i:D6}}","_rev":"1-0123456789abcdef0123456789abcdef","type":"type{{i % 10}}","value":{{i}},"tags":["a","b"],"nested":{"n":{{i}},"s":"text"},"padding":"{{padding}}"}""";
            docs[i] = Encoding.UTF8.GetBytes(doc);
        }
        return docs;
    }
}
