using System.Text;
using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Writing;
using CouchJs.DesignFunctions;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Documents;
using CouchJs.DesignFunctions.Requests;
using CouchJs.DesignFunctions.Validation;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Tests.Support;

/// <summary>
/// An in-memory database whose writes go through <see cref="ValidateDocUpdateGuard"/>, with a real
/// query-server pool (the in-process Jint engine, or <c>v8</c>: the Node process) and a settable user.
/// </summary>
public sealed class FunctionsHarness : IAsyncDisposable
{
    private FunctionsHarness(string engine)
    {
        Pool = new QueryServerPool(CouchConfig.FromText($"[query_servers]\njavascript = {engine}\n"));
        Runner = new DesignFunctionRunner(Pool, Cache, Docs);
        Guard = new ValidateDocUpdateGuard(Cache, Pool, Context, Docs);
        Databases = new DatabaseServer(null, DatabaseOptions.Default with { WriteGuards = [Guard] });
        Db = Databases.Create("db");
    }

    public QueryServerPool Pool { get; }

    public DesignDocCache Cache { get; } = new();

    public QueryServerDocs Docs { get; } = new(QueryServerDocs.DefaultRevsLimit);

    public TestContext Context { get; } = new();

    public DesignFunctionRunner Runner { get; }

    public IDocWriteGuard Guard { get; }

    public DatabaseServer Databases { get; }

    public CouchDatabase Db { get; }

    public static FunctionsHarness Jint() => new("jint");

    /// <summary>
    /// The bundled Node server configured as a plain command line, as a foreign couchjs-protocol program
    /// would be: design functions use only CouchDB's own commands with it.
    /// </summary>
    public static FunctionsHarness ForeignCommand() => new("node " + NodeMainJs());

    private static string NodeMainJs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "queryservers", "node", "main.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("queryservers/node/main.js is not above " + AppContext.BaseDirectory);
    }

    /// <summary>Writes a document; returns its new rev or throws its error.</summary>
    public async Task<string> Put(string json, bool newEdits = true) =>
        (await Db.UpdateDoc(Doc(json), newEdits)).Rev!.Value.ToString();

    public Task<DocUpdateResult[]> PutAll(bool newEdits, params string[] docs) => Db.UpdateDocs([.. docs.Select(Doc)], newEdits);

    public static IncomingDoc Doc(string json) => DocParser.Parse(Encoding.UTF8.GetBytes(json));

    public async ValueTask DisposeAsync()
    {
        await Databases.DisposeAsync();
        await Pool.DisposeAsync();
    }

    /// <summary>The user and security object the guard sees; by default an anonymous user and no security object.</summary>
    public sealed class TestContext : IDesignFunctionContext
    {
        public UserCtx CurrentUser { get; set; } = new(null, []);

        public string Security { get; set; } = "{}";

        public byte[] SecurityJson(CouchDatabase db, DbReader reader) => Encoding.UTF8.GetBytes(Security);
    }
}
