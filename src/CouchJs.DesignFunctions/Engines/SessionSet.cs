using CouchJs.DesignFunctions.Designs;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Engines;

/// <summary>
/// The engines one piece of work uses for a set of design documents that may name different
/// languages: one session per language, taken on first use and holding that language's documents,
/// kept for the whole work (one checkout per request, as a bulk write's validations share it). A
/// session whose engine failed fatally is dropped; the next call takes a fresh one.
/// </summary>
internal sealed class SessionSet(IQueryServerPool pool, string db, IReadOnlyList<DesignDoc> docs, CancellationToken ct) : IAsyncDisposable
{
    private readonly Dictionary<string, FunctionSession> _open = new(StringComparer.Ordinal);

    public async Task<byte[]> Call(DesignDoc ddoc, IReadOnlyList<string> path, ReadOnlyMemory<byte> args)
    {
        var session = await For(ddoc).ConfigureAwait(false);
        try
        {
            return await session.Call(ddoc, path, args, ct).ConfigureAwait(false);
        }
        catch (QueryServerException e) when (e.Fatal)
        {
            await Drop(ddoc).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A raw command to the engine holding <paramref name="ddoc"/>; errors come back as answers.</summary>
    public async Task<byte[]> Send(DesignDoc ddoc, ReadOnlyMemory<byte> command)
    {
        var session = await For(ddoc).ConfigureAwait(false);
        try
        {
            var answer = await session.Send(command, ct).ConfigureAwait(false);
            if (session.Discarded) await Drop(ddoc).ConfigureAwait(false);
            return answer;
        }
        catch
        {
            await Drop(ddoc).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The session of <paramref name="ddoc"/>'s language, taken on first use.</summary>
    public async Task<FunctionSession> For(DesignDoc ddoc)
    {
        if (_open.TryGetValue(ddoc.Language, out var session)) return session;
        var sameLanguage = docs.Where(d => d.Language == ddoc.Language).ToList();
        session = await FunctionSession.Open(pool, db, ddoc.Language, sameLanguage, ct).ConfigureAwait(false);
        _open[ddoc.Language] = session;
        return session;
    }

    private async Task Drop(DesignDoc ddoc)
    {
        if (!_open.Remove(ddoc.Language, out var session)) return;
        await session.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _open.Values) await session.DisposeAsync().ConfigureAwait(false);
        _open.Clear();
    }
}
