using System.Collections.Concurrent;
using CouchJs.Database;
using CouchJs.Storage.BTrees;

namespace CouchJs.Views.Engine;

// The background indexer (ken): a write to a database schedules one look at it a moment later
// (writes meanwhile join that look); it brings up to date the index of every design document with
// views whose `autoupdate` is not false, so a new or changed design doc is built without a query.
public sealed partial class ViewEngine
{
    private static readonly byte[] FirstDesignId = "_design/"u8.ToArray();
    private static readonly byte[] AfterDesignIds = "_design0"u8.ToArray();

    private readonly ConcurrentDictionary<string, DbWatch> _watched = new(StringComparer.Ordinal);
    private int _stopped;

    private sealed class DbWatch(CouchDatabase db)
    {
        public readonly CouchDatabase Db = db;
        public int Scheduled;
        public Action<long>? OnCommit;
    }

    private void OnOpened(CouchDatabase db) => Watch(db);

    /// <summary>Starts watching a database's commits (once per database instance).</summary>
    private void Watch(CouchDatabase db)
    {
        if (_options.AutoUpdateDelay <= TimeSpan.Zero || Volatile.Read(ref _stopped) != 0) return;
        if (_watched.TryGetValue(db.Name, out var current) && ReferenceEquals(current.Db, db)) return;
        var watch = new DbWatch(db);
        watch.OnCommit = _ => Schedule(watch);
        if (current is null ? !_watched.TryAdd(db.Name, watch) : !_watched.TryUpdate(db.Name, watch, current)) return;
        if (current?.OnCommit is { } old) current.Db.Committed -= old;
        db.Committed += watch.OnCommit;
    }

    private void Schedule(DbWatch watch)
    {
        if (Interlocked.Exchange(ref watch.Scheduled, 1) == 1) return;
        _ = Task.Delay(_options.AutoUpdateDelay).ContinueWith(_ => Check(watch), TaskScheduler.Default);
    }

    private void Check(DbWatch watch)
    {
        Volatile.Write(ref watch.Scheduled, 0);
        if (Volatile.Read(ref _stopped) != 0 || !_watched.TryGetValue(watch.Db.Name, out var current) || !ReferenceEquals(current, watch)) return;
        try
        {
            foreach (string id in DesignIds(watch.Db))
            {
                var entry = Lookup(watch.Db, id);
                if (entry.Doc is { AutoUpdate: true, Views.Count: > 0 } design) GetIndex(watch.Db, design).Trigger();
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException or CouchException or Storage.Files.StorageFailedException)
        {
            // The database went away or its file failed meanwhile; queries report such errors, not the indexer.
        }
    }

    private static List<string> DesignIds(CouchDatabase db)
    {
        using var reader = db.OpenReader();
        var ids = new List<string>();
        foreach (var info in reader.AllDocs(KeyRange<ReadOnlyMemory<byte>>.Between(FirstDesignId, AfterDesignIds, inclusiveEnd: false), descending: false))
            if (!info.Deleted) ids.Add(info.Id);
        return ids;
    }

    private void StopWatching()
    {
        Volatile.Write(ref _stopped, 1);
        _databases.Opened -= OnOpened;
        foreach (var watch in _watched.Values)
            if (watch.OnCommit is { } handler) watch.Db.Committed -= handler;
        _watched.Clear();
    }
}
