using System.Diagnostics;
using CouchJs.Storage.CrashWriter;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using Xunit.Abstractions;

namespace CouchJs.Storage.Tests.Files;

/// <summary>
/// A real process writing a real file is killed with SIGKILL at random moments. Every batch it
/// reported committed must survive, with all its keys; the next run recovers the file and goes on.
/// </summary>
public class CrashTests(ITestOutputHelper output)
{
    private const int Rounds = 3;

    [Fact]
    public void SigkillNeverLosesACommittedBatch()
    {
        if (!OperatingSystem.IsLinux()) return;
        int seed = Environment.TickCount;
        var rng = new Random(seed);
        string dir = Path.Combine(Path.GetTempPath(), $"couchjs-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "crash.couch");
        try
        {
            long recovered = 0;
            for (int round = 1; round <= Rounds; round++)
            {
                int delay = rng.Next(0, 400);
                var (opened, reported) = RunAndKill(path, delay);
                string where = $"seed {seed}, round {round}, killed {delay} ms after the first commit";
                // The writer recovered what the last check recovered, then committed at least once.
                Assert.True(opened == recovered, $"{where}: writer opened batch {opened}, expected {recovered}");
                Assert.True(reported > opened, $"{where}: reported {reported} after opening {opened}");

                long length = new FileInfo(path).Length;
                recovered = VerifyFile(path);
                output.WriteLine($"{where}: reported {reported}, recovered {recovered}, file {length} bytes");
                Assert.True(recovered >= reported, $"{where}: reported batch {reported} committed but recovered only {recovered}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Starts the writer, waits for its first commit, sleeps, SIGKILLs it; returns the batch it opened and the last it reported.</summary>
    private static (long Opened, long Reported) RunAndKill(string path, int delayMs)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CouchJs.Storage.CrashWriter.dll"));
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("30");
        using var process = new Process { StartInfo = start };
        long opened = -1, reported = -1;
        var stderr = new System.Text.StringBuilder();
        var firstCommit = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            var parts = line.Split(' ');
            if (parts.Length != 2 || !long.TryParse(parts[1], out long n)) return;
            if (parts[0] == "opened") Volatile.Write(ref opened, n);
            if (parts[0] == "committed")
            {
                Volatile.Write(ref reported, n);
                firstCommit.Set();
            }
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
            if (!firstCommit.Wait(TimeSpan.FromSeconds(20)))
                Assert.Fail($"writer reported no commit (exited: {process.HasExited}): {stderr}");
            Thread.Sleep(delayMs);
            Assert.False(process.HasExited, $"writer exited early: {stderr}");
            process.Kill(); // SIGKILL on Linux: no handler, no flush, no cleanup runs.
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
        }
        Assert.True(process.ExitCode == 128 + 9, $"writer did not die by SIGKILL (exit code {process.ExitCode}): {stderr}");
        return (Volatile.Read(ref opened), Volatile.Read(ref reported));
    }

    /// <summary>Recovers the file and checks every key of every batch up to the recovered one.</summary>
    private static long VerifyFile(string path)
    {
        using var file = CouchFile.Open(FileDevice.Open(path, create: false));
        var (batch, tree) = CrashBatches.Open(file);
        Assert.True(batch > 0);
        long expectedKey = CrashBatches.BatchKey;
        foreach (var (key, value) in tree.Enumerate())
        {
            Assert.Equal(expectedKey, key);
            Assert.Equal(key == CrashBatches.BatchKey ? batch : CrashBatches.Value(key), value);
            expectedKey = key == CrashBatches.BatchKey ? 0 : key + 1;
        }
        Assert.Equal(batch * CrashBatches.KeysPerBatch, expectedKey);
        Assert.Equal(batch * CrashBatches.KeysPerBatch + 1, tree.FullReduce());
        Assert.True(tree.TryGet(batch * CrashBatches.KeysPerBatch - 1, out long last));
        Assert.Equal(CrashBatches.Value(batch * CrashBatches.KeysPerBatch - 1), last);
        Assert.False(tree.TryGet(batch * CrashBatches.KeysPerBatch, out _));
        return batch;
    }

    /// <summary>The dotnet host running these tests, to run the writer on the same runtime.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}
