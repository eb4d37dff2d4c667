using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Tasks;
using CouchJs.Views.CrashIndexer;
using CouchJs.Views.Design;
using CouchJs.Views.Engine;
using CouchJs.Views.Querying;
using CouchJs.Views.Updating;

namespace CouchJs.Views.Tests.Support;

/// <summary>
/// A database and a view engine in memory (or on disk under <see cref="DataDir"/>), with the C#
/// query-server double: design docs name <see cref="FakeFunctions"/> by source.
/// </summary>
public sealed class ViewHarness : IAsyncDisposable
{
    private ViewHarness(string? dataDir, FakeFunctions functions, UpdateSettings update, TimeSpan autoUpdateDelay = default, int poolCapacity = int.MaxValue)
    {
        DataDir = dataDir;
        Pool = new FakePool(functions, poolCapacity);
        Databases = new DatabaseServer(dataDir, DatabaseOptions.Default);
        Engine = new ViewEngine(Databases, Pool, Tasks, new ViewEngineOptions { IndexRoot = dataDir, AutoUpdateDelay = autoUpdateDelay, Update = update });
        Db = Databases.Exists("db") ? Databases.Open("db") : Databases.Create("db");
    }

    public string? DataDir { get; }

    public FakePool Pool { get; }

    public ActiveTasks Tasks { get; } = new();

    public DatabaseServer Databases { get; }

    public ViewEngine Engine { get; }

    public CouchDatabase Db { get; }

    public static ViewHarness InMemory(FakeFunctions? functions = null, UpdateSettings? update = null) =>
        new(null, functions ?? FakeFunctions.Standard(), update ?? new UpdateSettings());

    /// <summary>In memory, with a query-server pool of <paramref name="capacity"/> engines.</summary>
    public static ViewHarness WithPool(int capacity, UpdateSettings update) => new(null, FakeFunctions.Standard(), update, default, capacity);

    /// <summary>In memory, with the background indexer looking at the database <paramref name="delay"/> after writes.</summary>
    public static ViewHarness WithAutoUpdate(TimeSpan delay) => new(null, FakeFunctions.Standard(), new UpdateSettings(), delay);

    public static ViewHarness OnDisk(string dataDir, FakeFunctions? functions = null, UpdateSettings? update = null) =>
        new(dataDir, functions ?? FakeFunctions.Standard(), update ?? new UpdateSettings());

    /// <summary>Writes a document; returns its new rev.</summary>
    public async Task<string> Put(string json, bool newEdits = true) =>
        (await Db.UpdateDoc(DocParser.Parse(Encoding.UTF8.GetBytes(json)), newEdits)).Rev!.Value.ToString();

    public async Task PutMany(IEnumerable<string> docs) =>
        await Db.UpdateDocs([.. docs.Select(d => DocParser.Parse(Encoding.UTF8.GetBytes(d)))]);

    public Task<string> Delete(string id, string rev) => Put($$"""{"_id":"{{id}}","_rev":"{{rev}}","_deleted":true}""");

    /// <summary>A design doc with views given as name → (map source, reduce source or null).</summary>
    public Task<string> PutDesign(string id, string viewsJson, string extra = "") =>
        Put($$"""{"_id":"{{id}}",{{extra}}"views":{{viewsJson}}}""");

    public DesignDocument Design(string id) => Engine.GetDesignDocument(Db, id);

    public ViewIndex Index(string id) => Engine.GetIndex(Db, Design(id));

    /// <summary>Map rows of a view, brought up to date first: (id, key, value) as JSON text.</summary>
    public async Task<MapResult> Map(string ddoc, string view, ViewQuery? query = null, string update = "true")
    {
        var design = Design(ddoc);
        Assert.True(design.TryFind(view, out var lookup), $"no view {view}");
        using var snapshot = await Engine.OpenSnapshot(Db, design, update, CancellationToken.None);
        var map = snapshot.Map(lookup, query ?? new ViewQuery());
        var rows = map.Rows().Select(r => new MapRow(Text(r.Key.DocId), Text(r.Key.Key), Text(r.Value))).ToList();
        return new MapResult(map.TotalRows, map.Offset, rows);
    }

    /// <summary>Reduce rows of a view: (key, value) as JSON text.</summary>
    public async Task<List<(string Key, string Value)>> Reduce(string ddoc, string view, ViewQuery? query = null)
    {
        var design = Design(ddoc);
        Assert.True(design.TryFind(view, out var lookup), $"no view {view}");
        using var snapshot = await Engine.OpenSnapshot(Db, design, "true", CancellationToken.None);
        await using var reduce = snapshot.Reduce(lookup, query ?? new ViewQuery(), CancellationToken.None);
        return [.. reduce.Rows().Select(r => (Text(r.Key), Text(r.Value)))];
    }

    public static string Text(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.Span);

    /// <summary>A JSON key as the engine takes it (minified UTF-8).</summary>
    public static ReadOnlyMemory<byte> Key(string json) => Encoding.UTF8.GetBytes(JsonNode.Parse(json)?.ToJsonString() ?? "null");

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Databases.DisposeAsync();
    }
}

public readonly record struct MapRow(string Id, string Key, string Value);

public sealed record MapResult(long TotalRows, long Offset, List<MapRow> Rows)
{
    public string[] Ids => [.. Rows.Select(r => r.Id)];
}
