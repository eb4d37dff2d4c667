namespace CouchJs.Config;

/// <summary>
/// Problems found while loading or reading settings, each kept once: a bad value read on every
/// request must not grow the list.
/// </summary>
internal sealed class WarningLog
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private string[] _all = [];

    public IReadOnlyList<string> All => Volatile.Read(ref _all);

    public void Add(string warning)
    {
        lock (_lock)
        {
            if (_seen.Add(warning)) Volatile.Write(ref _all, [.. _all, warning]);
        }
    }
}
