using CouchJs.Database.Documents;
using CouchJs.Database.Writing;
using CouchJs.Storage.Database;
using CouchJs.Storage.IO;

namespace CouchJs.Database;

/// <summary>
/// One open database: its file, its single writer (group commit) and snapshot readers. Opened and
/// shared by <see cref="DatabaseServer"/>.
/// </summary>
public sealed partial class CouchDatabase : IAsyncDisposable
{
    private readonly DatabaseWriter _writer;

    private CouchDatabase(string name, DatabaseFile file, DatabaseOptions options)
    {
        Name = name;
        File = file;
        Options = options;
        _writer = new DatabaseWriter(file, options);
        _writer.Committed += header => Committed?.Invoke(header.UpdateSeq);
    }

    public string Name { get; }

    public DatabaseFile File { get; }

    public DatabaseOptions Options { get; }

    /// <summary>Raised after every commit with the new update seq (feeds waiting for changes listen).</summary>
    public event Action<long>? Committed;

    public long UpdateSeq => File.Header.UpdateSeq;

    internal static CouchDatabase Create(IStorageDirectory directory, string fileName, string name, DatabaseOptions options, byte[]? security)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var header = DbHeader.New(Guid.NewGuid().ToString("N"), options.NodeName, now);
        return new CouchDatabase(name, DatabaseFile.Create(directory, fileName, header, options.File, security), options);
    }

    internal static CouchDatabase Open(IStorageDirectory directory, string fileName, string name, DatabaseOptions options) =>
        new(name, DatabaseFile.Open(directory, fileName, options.File), options);

    public DbReader OpenReader() => new(File.OpenSnapshot());

    /// <summary>
    /// Writes documents (ids set); each gets its own result, errors included. The
    /// <see cref="DatabaseOptions.WriteGuards"/> that apply see the update first.
    /// </summary>
    public Task<DocUpdateResult[]> UpdateDocs(IReadOnlyList<IncomingDoc> docs, bool newEdits = true)
    {
        foreach (var doc in docs)
            if (doc.Id is null) throw new ArgumentException("every document needs an id before it is written", nameof(docs));
        foreach (var guard in Options.WriteGuards)
            if (guard.Applies(this, docs)) return UpdateGuarded(docs, newEdits);
        return _writer.Enqueue(new DocUpdateOp(docs, newEdits));
    }

    // Each guard that applies checks what the ones before it let through; a refused document gets its
    // error as its result and is not written.
    private async Task<DocUpdateResult[]> UpdateGuarded(IReadOnlyList<IncomingDoc> docs, bool newEdits)
    {
        var results = new DocUpdateResult[docs.Count];
        var slots = Enumerable.Range(0, docs.Count).ToList();
        var accepted = docs.ToList();
        foreach (var guard in Options.WriteGuards)
        {
            if (accepted.Count == 0 || !guard.Applies(this, accepted)) continue;
            CouchException?[] errors;
            using (var write = new DocWrite(this, accepted, newEdits)) errors = await guard.Check(write).ConfigureAwait(false);
            for (int i = accepted.Count - 1; i >= 0; i--)
            {
                if (errors[i] is not { } error) continue;
                results[slots[i]] = new DocUpdateResult(accepted[i].Id!, null, error);
                accepted.RemoveAt(i);
                slots.RemoveAt(i);
            }
        }
        var written = accepted.Count == 0 ? [] : await _writer.Enqueue(new DocUpdateOp(accepted, newEdits)).ConfigureAwait(false);
        for (int i = 0; i < written.Length; i++) results[slots[i]] = written[i];
        return results;
    }

    /// <summary>Writes one document; a per-document error is thrown.</summary>
    public async Task<DocUpdateResult> UpdateDoc(IncomingDoc doc, bool newEdits = true)
    {
        var result = (await UpdateDocs([doc], newEdits).ConfigureAwait(false))[0];
        return result.Error is { } error ? throw error : result;
    }

    /// <summary>Writes (or with <paramref name="delete"/> removes) a local document; returns its new rev.</summary>
    public Task<string> UpdateLocal(string id, string? rev, bool delete, byte[] body) =>
        _writer.Enqueue(new LocalDocOp(id, rev, delete, body));

    public Task SetSecurity(byte[] json) =>
        _writer.Enqueue(new HeaderOp(batch => batch.Header with { SecurityPointer = batch.File.Append(json).Position }));

    public Task SetRevsLimit(int limit) => _writer.Enqueue(new HeaderOp(batch => batch.Header with { RevsLimit = limit }));

    public Task SetPurgeInfosLimit(int limit) => _writer.Enqueue(new HeaderOp(batch => batch.Header with { PurgeInfosLimit = limit }));

    /// <summary>Waits until every write queued before the call is durable (<c>_ensure_full_commit</c>).</summary>
    public Task EnsureFullCommit() => _writer.Enqueue(new HeaderOp(batch => batch.Header));

    public async ValueTask DisposeAsync()
    {
        await StopCompaction().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        File.Dispose();
    }
}
