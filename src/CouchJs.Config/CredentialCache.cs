using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CouchJs.Config;

/// <summary>
/// Remembers recent successful password checks so Basic auth on every request does not pay the
/// deliberate cost of PBKDF2 (CouchDB 3.4's couch_passwords_cache does the same). An entry is
/// keyed by user and stored hash — a new password brings a new salt, so old entries never match —
/// and holds a keyed HMAC of the password under a per-process secret, checked in constant time.
/// Only successes are cached, so guessing stays slow. Entries unused for <c>max_idle</c> expire;
/// at most <c>max_objects</c> are kept, the least recently used going first.
/// </summary>
public sealed class CredentialCache
{
    /// <summary>CouchDB's <c>[couch_passwords_cache] max_objects</c>.</summary>
    public const int DefaultMaxObjects = 10_000;

    /// <summary>CouchDB's <c>[couch_passwords_cache] max_idle</c>, in milliseconds.</summary>
    public const int DefaultMaxIdleMs = 600_000;

    private readonly ConcurrentDictionary<(string User, string Stored), Entry> _entries = new();
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly int _maxObjects;
    private readonly TimeSpan _maxIdle;
    private readonly TimeProvider _time;
    private readonly Lock _evictLock = new();

    /// <param name="maxObjects">Entries kept at most; 0 disables the cache (every check is slow).</param>
    public CredentialCache(int maxObjects = DefaultMaxObjects, TimeSpan? maxIdle = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxObjects);
        _maxObjects = maxObjects;
        _maxIdle = maxIdle ?? TimeSpan.FromMilliseconds(DefaultMaxIdleMs);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A cache sized by <c>[couch_passwords_cache] enable, max_objects, max_idle</c>.</summary>
    public static CredentialCache FromConfig(CouchConfig config, TimeProvider? time = null)
    {
        bool enabled = config.GetBool("couch_passwords_cache", "enable", true);
        int maxObjects = Math.Max(0, config.GetInt("couch_passwords_cache", "max_objects", DefaultMaxObjects));
        int maxIdle = Math.Max(0, config.GetInt("couch_passwords_cache", "max_idle", DefaultMaxIdleMs));
        return new CredentialCache(enabled ? maxObjects : 0, TimeSpan.FromMilliseconds(maxIdle), time);
    }

    public int Count => _entries.Count;

    /// <summary><see cref="PasswordHash.Verify"/>, fast when this user recently passed with this password.</summary>
    public bool Verify(string user, string password, string stored)
    {
        if (_maxObjects == 0) return PasswordHash.Verify(password, stored);
        var key = (user, stored);
        byte[] fingerprint = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(password));
        long now = _time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && !IsIdle(entry, now)
            && CryptographicOperations.FixedTimeEquals(entry.Fingerprint, fingerprint))
        {
            Volatile.Write(ref entry.LastUsed, now);
            return true;
        }
        if (!PasswordHash.Verify(password, stored)) return false;
        _entries[key] = new Entry(fingerprint, now);
        if (_entries.Count > _maxObjects) Evict(now);
        return true;
    }

    public void Clear() => _entries.Clear();

    private bool IsIdle(Entry entry, long now) => _time.GetElapsedTime(Volatile.Read(ref entry.LastUsed), now) > _maxIdle;

    /// <summary>Drops idle entries, then the least recently used until the bound holds. Rare: only after a slow check.</summary>
    private void Evict(long now)
    {
        lock (_evictLock)
        {
            foreach (var (key, entry) in _entries)
                if (IsIdle(entry, now)) _entries.TryRemove(key, out _);
            int excess = _entries.Count - _maxObjects;
            if (excess <= 0) return;
            foreach (var (key, _) in _entries.OrderBy(e => Volatile.Read(ref e.Value.LastUsed)).Take(excess).ToList())
                _entries.TryRemove(key, out _);
        }
    }

    private sealed class Entry(byte[] fingerprint, long lastUsed)
    {
        public readonly byte[] Fingerprint = fingerprint;
        public long LastUsed = lastUsed;
    }
}
