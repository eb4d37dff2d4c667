using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Tests.Files;

/// <summary>
/// A crash can leave the file cut anywhere inside the last commit. Reopening must give exactly the
/// last fully committed batch: the previous one unless the whole last header made it.
/// </summary>
public class TruncationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void CutAtEveryByteOfASmallLastCommitRecoversThePreviousBatch()
    {
        var history = new BatchHistory(seed: 11);
        history.Commit(inserts: 1200);
        history.Commit(inserts: 40, updates: 40, removes: 40);
        history.Commit(inserts: 3, updates: 3, removes: 3);
        history.Commit(inserts: 2, updates: 1, removes: 2);
        byte[] bytes = history.Bytes();
        long from = history.HeaderEnds[^2];
        // Its nodes, the zero padding up to the next block start, and the header there.
        Assert.True(history.HeaderStarts[^1] > from);
        Assert.True(bytes.Length - from <= 10_000, $"last commit is {bytes.Length - from} bytes: too many to try all");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (long cut = from; cut <= bytes.Length; cut++)
            CheckCut(history, bytes, cut, reuse: cut % 157 == 0 || cut == from || cut == bytes.Length);
        output.WriteLine($"{bytes.Length - from + 1} cuts of a {bytes.Length}-byte file in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void CutAtSampledBytesOfALargeLastCommitRecoversThePreviousBatch()
    {
        var history = new BatchHistory(seed: 12);
        history.Commit(inserts: 1500);
        history.Commit(inserts: 100, updates: 50, removes: 50);
        history.Commit(inserts: 4000, updates: 800, removes: 300);
        byte[] bytes = history.Bytes();
        long from = history.HeaderEnds[^2];
        long span = bytes.Length - from;
        Assert.True(span > 2000, $"last commit is only {span} bytes");

        var cuts = new SortedSet<long> { from, from + 1, bytes.Length - 1, bytes.Length };
        // Around every block start and around the last header, where layout bugs would hide.
        for (long b = (from / BlockSize + 1) * BlockSize; b <= bytes.Length; b += BlockSize)
            for (long d = -2; d <= 2; d++)
                cuts.Add(b + d);
        for (long h = history.HeaderStarts[^1] - 3; h <= bytes.Length; h++) cuts.Add(h);
        var rng = new Random(5);
        while (cuts.Count < 2000) cuts.Add(from + rng.NextInt64(span + 1));

        foreach (long cut in cuts)
            if (cut >= from && cut <= bytes.Length)
                CheckCut(history, bytes, cut, reuse: cut % 53 == 0);
    }

    [Fact]
    public void CutInsideTheFirstCommitLeavesNoHeader()
    {
        var history = new BatchHistory(seed: 13);
        history.Commit(inserts: 300);
        byte[] bytes = history.Bytes();
        foreach (long cut in new long[] { 0, 1, 100, history.HeaderStarts[1], history.HeaderStarts[1] + 1, bytes.Length - 1 })
        {
            using var file = CouchFile.Open(new MemoryDevice(bytes[..(int)cut]));
            Assert.Null(file.LastHeader);
        }
        using var whole = CouchFile.Open(new MemoryDevice(bytes));
        FileAssert.Committed(whole, history, 1);
    }

    private static void CheckCut(BatchHistory history, byte[] bytes, long cut, bool reuse)
    {
        int last = history.LastBatch;
        bool complete = cut == bytes.Length;
        int expected = complete ? last : last - 1;
        var device = new MemoryDevice(bytes[..(int)cut]);
        var file = CouchFile.Open(device);
        try
        {
            FileAssert.Committed(file, history, expected, lookups: 3);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"cut at {cut} (last commit {history.HeaderEnds[last - 1]}..{bytes.Length}): {e.Message}");
        }
        // Whatever followed the recovered header was never committed and is gone.
        Assert.Equal(history.HeaderEnds[expected], device.Length);
        Assert.Equal(history.HeaderEnds[expected], file.Eof);
        if (!reuse) return;

        // The recovered file takes new commits, and a reopen finds them.
        var (_, tree) = FileAssert.Head(file);
        var next = tree.Modify([new(-5, 55), new(-6, 66)], [.. history.States[expected].Keys.Take(2)]);
        file.Commit(CrashWriter.BatchHeader.Encode(100, next.ToStoredRoot()));
        var again = CouchFile.Open(new MemoryDevice(device.ToArray()));
        var (batch, reread) = FileAssert.Head(again);
        Assert.Equal(100, batch);
        var state = new SortedDictionary<long, long>(history.States[expected]) { [-5] = 55, [-6] = 66 };
        foreach (long k in history.States[expected].Keys.Take(2)) state.Remove(k);
        Assert.Equal(ReadOutcome.Exact, FileAssert.ReadAll(reread, state, allowCorrupt: false));
    }
}
