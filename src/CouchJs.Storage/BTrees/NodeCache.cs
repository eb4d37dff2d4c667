using System.Collections.Concurrent;

namespace CouchJs.Storage.BTrees;

/// <summary>
/// Decoded B+tree nodes by file position, within a budget of the memory they hold. Nodes never change
/// once written, so entries never go stale. Eviction is CLOCK: a hit marks an entry used; when the
/// budget is exceeded a hand goes on round the entries from where it last stopped, dropping unmarked
/// ones and unmarking the rest, until a tenth of the budget is free. So a working set up to the whole
/// budget stays, and nodes read once (a scan, the old versions a writer replaces) go first.
/// </summary>
public sealed class NodeCache(long capacityBytes)
{
    /// <summary>Memory of one entry beyond its node: the dictionary's node and the entry object.</summary>
    private const int EntryOverhead = 96;

    private readonly long _capacity = Math.Max(capacityBytes, 1);
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly Lock _sweepLock = new();
    private long _bytes;
    private long _count;

    /// <summary>
    /// The clock hand: where the next sweep goes on (guarded by the sweep lock). After the dictionary
    /// grows it finishes its round over the table it started on, which holds the entries of then.
    /// </summary>
    private IEnumerator<KeyValuePair<long, Entry>>? _hand;

    /// <summary>Memory the cached nodes hold now, as their sizes were given to <see cref="Add"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(long position, out object node)
    {
        if (_entries.TryGetValue(position, out var entry))
        {
            // Written only when it changes: readers on other cores keep sharing the line.
            if (!entry.Used) entry.Used = true;
            node = entry.Node;
            return true;
        }
        node = null!;
        return false;
    }

    /// <summary>Caches a node; <paramref name="storedSize"/> is the memory it holds, which the budget counts.</summary>
    public void Add(long position, object node, int storedSize)
    {
        var entry = new Entry(node, storedSize + EntryOverhead);
        if (!_entries.TryAdd(position, entry)) return;
        Interlocked.Increment(ref _count);
        if (Interlocked.Add(ref _bytes, entry.Size) > _capacity) Sweep();
    }

    public void Clear()
    {
        foreach (var item in _entries) Remove(item);
    }

    private void Sweep()
    {
        // One sweeper at a time; others go on adding and the sweep catches up with them.
        if (!_sweepLock.TryEnter()) return;
        try
        {
            long target = _capacity - _capacity / 10;
            // Two rounds at most: the first may find every entry used (and unmark them all). A sweep
            // that started over at the first entry every time would churn the entries there and
            // never reach stale ones further on.
            long visits = 2 * Interlocked.Read(ref _count) + 2;
            while (Bytes > target && visits-- > 0)
            {
                if (_hand is null || !_hand.MoveNext())
                {
                    _hand?.Dispose();
                    _hand = _entries.GetEnumerator();
                    if (!_hand.MoveNext()) return;
                }
                var item = _hand.Current;
                if (item.Value.Used) item.Value.Used = false;
                else Remove(item);
            }
        }
        finally
        {
            _sweepLock.Exit();
        }
    }

    // Removes only the entry that was seen, so each entry's size is subtracted once, whatever races.
    private void Remove(KeyValuePair<long, Entry> item)
    {
        if (!_entries.TryRemove(item)) return;
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _bytes, -item.Value.Size);
    }

    private sealed class Entry(object node, int size)
    {
        public readonly object Node = node;
        public readonly int Size = size;
        public volatile bool Used;
    }
}
