using System.Globalization;
using CouchJs.Config.Tests.Support;

namespace CouchJs.Config.Tests;

/// <summary>Readers never lock and never see a half-made change; writers serialise, files included.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadersSeeEveryWriteWholeAndInOrder()
    {
        const int Writes = 20_000;
        var config = CouchConfig.FromText("[s]\nfirst = 1\ncounter = 0\nlast = 1\n");
        using var done = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            long seen = 0;
            int reads = 0;
            while (!done.IsCancellationRequested || reads == 0)
            {
                long value = config.GetLong("s", "counter", -1);
                Assert.True(value >= seen, $"went back from {seen} to {value}");
                seen = value;
                // The section the writer keeps replacing is always whole, in its order.
                var section = config.Section("s");
                Assert.Equal(["first", "counter", "last"], section.Keys);
                Assert.True(long.Parse(section["counter"], CultureInfo.InvariantCulture) >= seen);
                Assert.Equal(3, config.All()["s"].Count);
                reads++;
            }
            return reads;
        })).ToList();

        await Task.Run(() =>
        {
            for (int i = 1; i <= Writes; i++)
            {
                config.Set("s", "counter", i.ToString(CultureInfo.InvariantCulture), persist: false);
                config.Set("other", "k", i.ToString(CultureInfo.InvariantCulture), persist: false);
                if (i % 2 == 0) config.Delete("other", "k", persist: false);
            }
        });
        await done.CancelAsync();

        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        Assert.Equal(Writes, config.GetInt("s", "counter", 0));
    }

    [Fact]
    public async Task ConcurrentPersistentWritersLoseNothing()
    {
        string local = _dir.Write("local.ini", "; keep me\n[s]\n");
        var config = CouchConfig.Load([local], local);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (int i = 0; i < 25; i++) config.Set($"w{writer}", $"k{i}", $"{writer}-{i}");
        })));

        var reloaded = CouchConfig.Load([local], local);
        for (int writer = 0; writer < 8; writer++)
            for (int i = 0; i < 25; i++)
                Assert.Equal($"{writer}-{i}", reloaded.Get($"w{writer}", $"k{i}"));
        Assert.StartsWith("; keep me\n", File.ReadAllText(local), StringComparison.Ordinal);
        Assert.False(File.Exists(local + ".tmp"));
    }
}
