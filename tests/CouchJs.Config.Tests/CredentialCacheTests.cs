using System.Diagnostics;

namespace CouchJs.Config.Tests;

/// <summary>The verify cache: fast after one slow success, never for failures, bounded in time and size.</summary>
public class CredentialCacheTests
{
    private static readonly string Stored = PasswordHash.Hash("secret", 10);

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void CachesSuccessesOnly()
    {
        var cache = new CredentialCache();

        Assert.False(cache.Verify("admin", "wrong", Stored));
        Assert.Equal(0, cache.Count);
        Assert.True(cache.Verify("admin", "secret", Stored));
        Assert.Equal(1, cache.Count);
        Assert.True(cache.Verify("admin", "secret", Stored));
        Assert.False(cache.Verify("admin", "wrong", Stored));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void CachedChecksSkipPbkdf2()
    {
        string slow = PasswordHash.Hash("secret", 200_000);
        var cache = new CredentialCache();

        var first = Stopwatch.StartNew();
        Assert.True(cache.Verify("admin", "secret", slow));
        first.Stop();

        // The fastest of several cached checks: a thread descheduled once on a busy machine cannot
        // make it slow, while the first check cannot be faster than the PBKDF2 work it does.
        var fastest = TimeSpan.MaxValue;
        for (int i = 0; i < 20; i++)
        {
            var cached = Stopwatch.StartNew();
            Assert.True(cache.Verify("admin", "secret", slow));
            if (cached.Elapsed < fastest) fastest = cached.Elapsed;
        }

        Assert.True(fastest * 10 < first.Elapsed, $"the fastest cached check took {fastest}, the slow check {first.Elapsed}");
    }

    [Fact]
    public void ANewPasswordHashNeverMatchesTheOldEntry()
    {
        var cache = new CredentialCache();
        Assert.True(cache.Verify("admin", "secret", Stored));

        string changed = PasswordHash.Hash("other", 10);

        Assert.False(cache.Verify("admin", "secret", changed));
        Assert.True(cache.Verify("admin", "other", changed));
    }

    [Fact]
    public void IdleEntriesGoFirstWhenFull()
    {
        var time = new ManualTime();
        var cache = new CredentialCache(maxObjects: 2, maxIdle: TimeSpan.FromMinutes(10), time);
        Assert.True(cache.Verify("a", "secret", Stored));
        Assert.True(cache.Verify("b", "secret", Stored));

        time.Advance(TimeSpan.FromMinutes(11));
        Assert.True(cache.Verify("c", "secret", Stored));

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void LeastRecentlyUsedGoWhenFull()
    {
        var time = new ManualTime();
        var cache = new CredentialCache(maxObjects: 2, maxIdle: TimeSpan.FromMinutes(10), time);
        foreach (string user in new[] { "a", "b", "c", "d" })
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(cache.Verify(user, "secret", Stored));
        }

        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void ZeroSizeDisablesIt()
    {
        var cache = new CredentialCache(maxObjects: 0);

        Assert.True(cache.Verify("admin", "secret", Stored));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ConfigCanDisableIt()
    {
        var enabled = CredentialCache.FromConfig(CouchConfig.FromText(""));
        var disabled = CredentialCache.FromConfig(CouchConfig.FromText("[couch_passwords_cache]\nenable = false\n"));

        Assert.True(enabled.Verify("admin", "secret", Stored));
        Assert.True(disabled.Verify("admin", "secret", Stored));

        Assert.Equal(1, enabled.Count);
        Assert.Equal(0, disabled.Count);
    }

    [Fact]
    public void ClearForgetsEverything()
    {
        var cache = new CredentialCache();
        cache.Verify("admin", "secret", Stored);

        cache.Clear();

        Assert.Equal(0, cache.Count);
    }
}
