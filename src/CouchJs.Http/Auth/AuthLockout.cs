using System.Collections.Concurrent;
using System.Net;
using CouchJs.Config;
using CouchJs.Database;

namespace CouchJs.Http.Auth;

/// <summary>
/// couch_auth_lockout: failed password checks are counted per (client address, user, salt); at
/// <c>[chttpd_auth_lockout] threshold</c> failures (5) further attempts from that address are refused
/// with 403 before any password is checked, the right one included, until the count expires
/// (<c>max_lifetime</c>, 300000 ms after the first failure). <c>mode</c> is <c>enforce</c>, <c>warn</c>
/// (counted, never refused) or <c>off</c>. A new salt (a new password) starts a new count.
/// </summary>
public sealed class AuthLockout(CouchConfig config, TimeProvider time)
{
    public const string LockedOut = "Account is temporarily locked due to multiple authentication failures";

    private readonly ConcurrentDictionary<(IPAddress, string, string), Entry> _failures = new();

    public void ThrowIfLockedOut(IPAddress? peer, string user, string salt)
    {
        if (peer is null || Mode != "enforce") return;
        if (_failures.TryGetValue((peer, user, salt), out var entry) && !Expired(entry)
            && entry.Count >= config.GetInt("chttpd_auth_lockout", "threshold", 5))
            throw new CouchException(403, "forbidden", LockedOut);
    }

    public void Failed(IPAddress? peer, string user, string salt)
    {
        if (peer is null || Mode is not ("enforce" or "warn")) return;
        _failures.AddOrUpdate((peer, user, salt),
            _ => new Entry(1, time.GetTimestamp()),
            (_, old) => Expired(old) ? new Entry(1, time.GetTimestamp()) : old with { Count = old.Count + 1 });
        int max = config.GetInt("chttpd_auth_lockout", "max_objects", 10_000);
        if (_failures.Count <= max) return;
        foreach (var (key, entry) in _failures)
            if (Expired(entry)) _failures.TryRemove(key, out _);
        // Still full of live counts (many addresses or names at once): start over rather than grow.
        if (_failures.Count > max) _failures.Clear();
    }

    private string Mode => config.Get("chttpd_auth_lockout", "mode", "enforce");

    private bool Expired(Entry entry) =>
        time.GetElapsedTime(entry.Since).TotalMilliseconds > config.GetInt("chttpd_auth_lockout", "max_lifetime", 300_000);

    private sealed record Entry(int Count, long Since);
}
