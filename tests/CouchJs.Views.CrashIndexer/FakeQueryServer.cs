using System.Text;
using System.Text.Json.Nodes;
using CouchJs.QueryServers;

namespace CouchJs.Views.CrashIndexer;

/// <summary>
/// A query server that runs C# functions named by their source (<see cref="FakeFunctions"/>), speaking
/// IQueryServer as the real engines do: a map function that throws for a document emits nothing for
/// it; an unknown source is a compilation_error. Counts the calls the tests check.
/// </summary>
public sealed class FakeQueryServer(FakeFunctions functions) : IQueryServer
{
    private readonly List<FakeMap> _maps = [];

    public string EngineName => "fake";

    public string? Loaded { get; set; }

    public int Resets { get; private set; }

    public int MappedDocs { get; private set; }

    public int ReduceCalls { get; private set; }

    public int RereduceCalls { get; private set; }

    public Task Reset(QueryServerConfig config, CancellationToken ct)
    {
        Resets++;
        _maps.Clear();
        Loaded = null;
        return Task.CompletedTask;
    }

    public Task AddLib(ReadOnlyMemory<byte> libJson, CancellationToken ct) => Task.CompletedTask;

    public Task AddFun(string source, CancellationToken ct)
    {
        if (!functions.Maps.TryGetValue(source, out var map))
            throw new QueryServerException("compilation_error", $"Expression does not eval to a function. ({source})");
        _maps.Add(map);
        return Task.CompletedTask;
    }

    public Task<byte[][]> MapDocs(IReadOnlyList<ReadOnlyMemory<byte>> docs, CancellationToken ct)
    {
        if (functions.MapDelay > TimeSpan.Zero) Thread.Sleep(functions.MapDelay);
        var answers = new byte[docs.Count][];
        for (int i = 0; i < docs.Count; i++)
        {
            var doc = JsonNode.Parse(docs[i].Span)!.AsObject();
            var perFunction = new JsonArray();
            foreach (var map in _maps)
            {
                var rows = new JsonArray();
                try
                {
                    foreach (var (key, value) in map(doc).ToList()) rows.Add(new JsonArray(key, value));
                }
                catch (InvalidOperationException)
                {
                    rows.Clear();
                }
                perFunction.Add(rows);
            }
            answers[i] = Encoding.UTF8.GetBytes(perFunction.ToJsonString());
        }
        MappedDocs += docs.Count;
        return Task.FromResult(answers);
    }

    public Task<byte[][]> Reduce(IReadOnlyList<string> sources, IReadOnlyList<KeyValueRow> rows, CancellationToken ct)
    {
        ReduceCalls++;
        var keys = rows.Select(r => JsonNode.Parse(r.Key.Span)).ToList();
        var values = rows.Select(r => JsonNode.Parse(r.Value.Span)).ToList();
        return Task.FromResult(sources.Select(s => Json(Function(s)(keys, values, false))).ToArray());
    }

    public Task<byte[][]> Rereduce(IReadOnlyList<string> sources, IReadOnlyList<ReadOnlyMemory<byte>> values, CancellationToken ct)
    {
        RereduceCalls++;
        var parsed = values.Select(v => JsonNode.Parse(v.Span)).ToList();
        return Task.FromResult(sources.Select(s => Json(Function(s)([], parsed, true))).ToArray());
    }

    public Task DdocNew(string ddocId, ReadOnlyMemory<byte> ddocJson, CancellationToken ct) => throw new NotSupportedException();

    public Task<byte[]> DdocCall(string ddocId, IReadOnlyList<string> path, ReadOnlyMemory<byte> argsJson, CancellationToken ct) =>
        throw new NotSupportedException();

    private FakeReduce Function(string source) =>
        functions.Reduces.TryGetValue(source, out var reduce) ? reduce : throw new QueryServerException("compilation_error", source);

    private static byte[] Json(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
}
