using System.Diagnostics;
using System.Globalization;
using System.Text;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Tasks;
using CouchJs.Views.CrashIndexer;
using CouchJs.Views.Engine;
using CouchJs.Views.Querying;
using Xunit.Abstractions;

namespace CouchJs.Views.Tests.Engine;

/// <summary>
/// kill -9 during an index build: a child process builds the index (committing after every small
/// batch) and is killed with SIGKILL part way; reopened, the index resumes from its last commit and
/// answers exactly as if it had never been interrupted.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Docs = 6000;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "couchjs-viewcrash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_killed_index_build_resumes_and_is_correct()
    {
        await CreateDatabase();
        for (int kill = 0; kill < 3; kill++)
        {
            long reported = RunAndKill(progress: 300);
            output.WriteLine($"kill {kill}: indexer reported seq {reported}");
        }
        await using var databases = new DatabaseServer(_dir, DatabaseOptions.Default);
        var pool = new FakePool(FakeFunctions.Standard());
        await using var engine = new ViewEngine(databases, pool, new ActiveTasks(), CrashIndexing.Options(_dir));
        var db = databases.Open(CrashIndexing.DbName);
        var design = engine.GetDesignDocument(db, CrashIndexing.DesignId);
        Assert.True(engine.GetIndex(db, design).UpdateSeq > 0, "no index commit survived");
        using var snapshot = await engine.OpenSnapshot(db, design, "true", CancellationToken.None);
        output.WriteLine($"mapped after restart: {pool.MappedDocs}");
        Assert.True(pool.MappedDocs < Docs, "the index was rebuilt from scratch instead of resuming");

        Assert.True(design.TryFind("rows", out var rows));
        var map = snapshot.Map(rows, new ViewQuery());
        Assert.Equal(Docs, map.TotalRows);
        var expected = Enumerable.Range(0, Docs).OrderBy(i => i % 13).ThenBy(Id, StringComparer.Ordinal).Select(Id);
        Assert.Equal(expected, map.Rows().Select(r => Encoding.UTF8.GetString(r.Key.DocId.Span)));

        Assert.True(design.TryFind("sums", out var sums));
        await using var reduce = snapshot.Reduce(sums, new ViewQuery { GroupLevel = ViewQuery.ExactGroup }, CancellationToken.None);
        var groups = reduce.Rows().Select(r => (Encoding.UTF8.GetString(r.Key.Span), Encoding.UTF8.GetString(r.Value.Span))).ToList();
        var expectedGroups = Enumerable.Range(0, 13).Select(k =>
            (k.ToString(CultureInfo.InvariantCulture), Enumerable.Range(0, Docs).Where(i => i % 13 == k).Sum().ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(expectedGroups, groups);
    }

    private static string Id(int i) => $"doc{i:D5}";

    private async Task CreateDatabase()
    {
        await using var databases = new DatabaseServer(_dir, DatabaseOptions.Default);
        var db = databases.Create(CrashIndexing.DbName);
        await db.UpdateDoc(DocParser.Parse(Encoding.UTF8.GetBytes(
            """{"_id":"_design/crash","views":{"rows":{"map":"by_key"},"sums":{"map":"by_key","reduce":"_sum"}}}""")));
        for (int start = 0; start < Docs; start += 500)
        {
            var batch = Enumerable.Range(start, 500).Select(i => DocParser.Parse(Encoding.UTF8.GetBytes($$"""{"_id":"{{Id(i)}}","key":{{i % 13}},"value":{{i}}}""")));
            await db.UpdateDocs([.. batch]);
        }
    }

    /// <summary>
    /// Starts the indexer, waits until it reports a seq <paramref name="progress"/> past the one it
    /// resumed from (its first report), SIGKILLs it; returns the last seq it reported. Relative, so
    /// a kill that lands late on a loaded machine leaves the next run as much work as the first.
    /// </summary>
    private long RunAndKill(long progress)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CouchJs.Views.CrashIndexer.dll"));
        start.ArgumentList.Add(_dir);
        start.ArgumentList.Add("60");
        using var process = new Process { StartInfo = start };
        long reported = -1, threshold = -1;
        var past = new ManualResetEventSlim();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            if (line == "done") past.Set();
            if (!line.StartsWith("indexed ", StringComparison.Ordinal)) return;
            long seq = long.Parse(line["indexed ".Length..], CultureInfo.InvariantCulture);
            Volatile.Write(ref reported, seq);
            if (threshold < 0) threshold = seq + progress;
            if (seq >= threshold) past.Set();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (!past.Wait(TimeSpan.FromSeconds(60))) Assert.Fail($"indexer made no progress (exited: {process.HasExited}): {stderr}");
            Assert.False(process.HasExited, $"indexer finished before it could be killed: {stderr}");
            process.Kill(); // SIGKILL on Linux: nothing is flushed or closed.
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
        }
        Assert.True(process.ExitCode == 128 + 9, $"indexer did not die by SIGKILL (exit code {process.ExitCode}): {stderr}");
        return Volatile.Read(ref reported);
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
