using CouchJs.Database;
using CouchJs.Database.Tasks;
using CouchJs.Views.CrashIndexer;
using CouchJs.Views.Engine;
using CouchJs.Views.Updating;

// A child process for the view crash test. Usage: CouchJs.Views.CrashIndexer <dataDir> [maxSeconds]
// Opens database "crash" in dataDir and builds the index of _design/crash with the C# query-server
// double, committing after every small batch and printing "indexed N" as the index's seq moves. The
// test kills it with SIGKILL mid-build; maxSeconds only stops an orphan whose test died.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: CouchJs.Views.CrashIndexer <dataDir> [maxSeconds]");
    return 2;
}
var deadline = DateTime.UtcNow.AddSeconds(args.Length > 1 ? int.Parse(args[1]) : 60);
// 20 ms per batch of 25 docs: the build of 6000 docs takes about 5 s however fast the machine, so
// the test's kills land mid-build even when it reads this output a second late.
var slowMaps = FakeFunctions.Standard();
slowMaps.MapDelay = TimeSpan.FromMilliseconds(20);
await using var databases = new DatabaseServer(args[0], DatabaseOptions.Default);
await using var engine = new ViewEngine(databases, new FakePool(slowMaps), new ActiveTasks(), CrashIndexing.Options(args[0]));
var db = databases.Open(CrashIndexing.DbName);
var index = engine.GetIndex(db, engine.GetDesignDocument(db, CrashIndexing.DesignId));
index.Trigger();
long reported = -1;
while (DateTime.UtcNow < deadline)
{
    long seq = index.UpdateSeq;
    if (seq != reported)
    {
        Console.Out.WriteLine($"indexed {seq}");
        Console.Out.Flush();
        reported = seq;
    }
    if (seq >= db.UpdateSeq) break;
    await Task.Delay(1);
}
Console.Out.WriteLine("done");
return 0;

namespace CouchJs.Views.CrashIndexer
{
    /// <summary>What the crash indexer and its test agree on: the database, the design doc, the engine settings.</summary>
    public static class CrashIndexing
    {
        public const string DbName = "crash";
        public const string DesignId = "_design/crash";

        /// <summary>Small batches committed at once, so a kill lands between many commits.</summary>
        public static ViewEngineOptions Options(string dataDir) => new()
        {
            IndexRoot = dataDir,
            AutoUpdateDelay = TimeSpan.Zero,
            Update = new UpdateSettings { MapBatchSize = 25, WriteBatchSize = 25, CommitInterval = TimeSpan.Zero },
        };
    }
}
