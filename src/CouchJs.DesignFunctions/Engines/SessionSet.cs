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

    /// <summary>
    /// <c>validate_docs</c> of <paramref name="ddoc"/> on the engine holding it: one answer per edit.
    /// A session left discarded by it, or by its failure, is dropped: the next call takes a fresh one.
    /// </summary>
    public async Task<byte[][]> ValidateDocs(DesignDoc ddoc, DocValidations batch)
    {
        var session = await For(ddoc).ConfigureAwait(false);
        try
        {
            var answers = await session.ValidateDocs(ddoc, batch, ct).ConfigureAwait(false);
            if (session.Discarded) await Drop(ddoc).ConfigureAwait(false);
            return answers;
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
