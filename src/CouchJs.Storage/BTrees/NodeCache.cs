using System.Collections.Concurrent;

namespace CouchJs.Storage.BTrees;

/// <summary>
/// Decoded B+tree nodes by file position. Nodes never change once written, so entries never go stale.
/// Two generations: when the young one is full the old one is dropped and the young one ages, so what
/// was used since the last turn stays.
/// </summary>
public sealed class NodeCache(long capacityBytes)
{
    private readonly long _generationBytes = Math.Max(capacityBytes / 2, 1);
    private ConcurrentDictionary<long, Entry> _young = new();
    private ConcurrentDictionary<long, Entry> _old = new();
    private long _youngBytes;
    private readonly Lock _turnLock = new();

    public bool TryGet(long position, out object node)
    {
        if (_young.TryGetValue(position, out var entry) || _old.TryGetValue(position, out entry) && Promote(position, entry))
        {
            node = entry.Node;
            return true;
        }
        node = null!;
        return false;
    }

    public void Add(long position, object node, int storedSize) => Promote(position, new Entry(node, storedSize));

    public void Clear()
    {
        lock (_turnLock)
        {
            _young = new();
            _old = new();
            _youngBytes = 0;
        }
    }

    private bool Promote(long position, Entry entry)
    {
        if (_young.TryAdd(position, entry) && Interlocked.Add(ref _youngBytes, entry.Size) > _generationBytes) Turn();
        return true;
    }

    private readonly record struct Entry(object Node, int Size);

    private void Turn()
    {
        lock (_turnLock)
        {
            if (Interlocked.Read(ref _youngBytes) <= _generationBytes) return;
            _old = _young;
            _young = new();
            Interlocked.Exchange(ref _youngBytes, 0);
        }
    }
}
