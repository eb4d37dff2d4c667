using System.Diagnostics;
using System.Threading.Channels;
using CouchJs.Database;
using CouchJs.Database.Tasks;
using CouchJs.QueryServers;
using CouchJs.Views.Design;
using CouchJs.Views.Engine;
using CouchJs.Views.Index;

namespace CouchJs.Views.Updating;

/// <summary>
/// One update run of an index (couch_index_updater + couch_mrview_updater): purges first, then every
/// change after the index's seq in one database snapshot. Reading and mapping run ahead of writing
/// (a bounded queue of mapped batches between them); each written batch is published to readers, and
/// the header is committed at least every <see cref="UpdateSettings.CommitInterval"/> and at the end,
/// so a crash resumes from the last commit. The run ends at the snapshot's update seq.
/// </summary>
internal sealed class ViewUpdater(DesignDocument design, IQueryServerPool pool, UpdateSettings settings)
{
    public async Task<ViewIndexState> Run(ViewIndexState state, CouchDatabase db, Action<ViewIndexState> publish, ActiveTask task, CancellationToken cancel)
    {
        using var reader = db.OpenReader();
        // Nothing new (a trigger after a write that left the seqs alone, a local doc): no work, no commit.
        if (reader.UpdateSeq == state.UpdateSeq && reader.Header.PurgeSeq == state.PurgeSeq) return state;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var sessions = new List<QueryServerSession> { new(pool, design.Language, stop.Token) };
        try
        {
            var writer = new IndexBatchWriter(WriteSpecs(design, sessions[0], settings, stop.Token));
            state = ApplyPurges(state, reader, writer);
            var source = new DocumentSource(reader, design.Options, settings.MapBatchSize);
            long total = source.CountSince(state.UpdateSeq);
            task.Report("", 0, total);
            if (total > settings.MapBatchSize) await AddMappers(sessions, stop.Token).ConfigureAwait(false);

            // Read → map → write: each stage runs ahead of the next by a couple of batches.
            var read = Channel.CreateBounded<List<PendingDoc>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            var mapped = Channel.CreateBounded<Task<List<MappedDoc>>>(new BoundedChannelOptions(sessions.Count + 1) { SingleReader = true, SingleWriter = true });
            var stages = new[]
            {
                Task.Run(() => Read(source, state.UpdateSeq, read.Writer, stop.Token), stop.Token),
                Task.Run(() => MapAll(read.Reader, sessions, mapped.Writer, stop.Token), stop.Token),
            };
            try
            {
                state = await Write(state, mapped.Reader, writer, publish, task, total, stop.Token).ConfigureAwait(false);
            }
            catch
            {
                // The reader and mappers stop with the writer; its failure is the one reported.
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(stages).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }
            await Task.WhenAll(stages).ConfigureAwait(false);
        }
        finally
        {
            foreach (var session in sessions) await session.DisposeAsync().ConfigureAwait(false);
        }
        state = state.WithSeqs(reader.UpdateSeq, reader.Header.PurgeSeq);
        Commit(state);
        publish(state);
        return state;
    }

    private async Task AddMappers(List<QueryServerSession> sessions, CancellationToken cancel)
    {
        // A second in-process engine would only compete with reading and writing for the same cores.
        if (settings.MapParallelism < 2 || !await sessions[0].TryTake(Timeout.InfiniteTimeSpan).ConfigureAwait(false) || sessions[0].InProcess) return;
        while (sessions.Count < settings.MapParallelism)
        {
            var extra = new QueryServerSession(pool, design.Language, cancel);
            if (!await extra.TryTake(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false))
            {
                await extra.DisposeAsync().ConfigureAwait(false);
                return;
            }
            sessions.Add(extra);
        }
    }

    private static async Task Read(DocumentSource source, long since, ChannelWriter<List<PendingDoc>> output, CancellationToken cancel)
    {
        Exception? failure = null;
        try
        {
            foreach (var batch in source.Batches(since)) await output.WriteAsync(batch, cancel).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    // Batches go round the sessions; their tasks are queued in batch order, so writes keep seq order.
    private async Task MapAll(ChannelReader<List<PendingDoc>> input, List<QueryServerSession> sessions, ChannelWriter<Task<List<MappedDoc>>> output, CancellationToken cancel)
    {
        Exception? failure = null;
        try
        {
            int next = 0;
            await foreach (var batch in input.ReadAllAsync(cancel).ConfigureAwait(false))
                await output.WriteAsync(Map(batch, sessions[next++ % sessions.Count], cancel), cancel).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    private async Task<ViewIndexState> Write(ViewIndexState state, ChannelReader<Task<List<MappedDoc>>> input, IndexBatchWriter writer,
        Action<ViewIndexState> publish, ActiveTask task, long total, CancellationToken cancel)
    {
        long done = 0;
        var sinceCommit = Stopwatch.StartNew();
        while (await input.WaitToReadAsync(cancel).ConfigureAwait(false))
        {
            var batch = new List<MappedDoc>(settings.WriteBatchSize);
            // Batches already mapped join this write; the first is waited for.
            while (batch.Count < settings.WriteBatchSize && input.TryPeek(out var next) && (batch.Count == 0 || next.IsCompleted))
            {
                input.TryRead(out _);
                batch.AddRange(await next.ConfigureAwait(false));
            }
            state = writer.Write(state, batch);
            publish(state);
            done += batch.Count;
            task.Report("", done, total);
            if (sinceCommit.Elapsed < settings.CommitInterval) continue;
            Commit(state);
            sinceCommit.Restart();
        }
        return state;
    }

    private async Task<List<MappedDoc>> Map(List<PendingDoc> batch, QueryServerSession session, CancellationToken cancel)
    {
        var docs = new List<ReadOnlyMemory<byte>>(batch.Count);
        foreach (var doc in batch)
            if (doc.Kind == PendingKind.Map) docs.Add(doc.Json!);
        byte[][] answers = docs.Count == 0 ? [] : await session.Run(async server =>
        {
            await Load(server, cancel).ConfigureAwait(false);
            return await server.MapDocs(docs, cancel).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var result = new List<MappedDoc>(batch.Count);
        int next = 0;
        foreach (var doc in batch)
        {
            var rows = doc.Kind switch
            {
                PendingKind.Map => MapOutput.Parse(answers[next++], design.Views.Count),
                PendingKind.Remove => [],
                _ => null,
            };
            result.Add(new MappedDoc(doc.Id, doc.Seq, rows));
        }
        return result;
    }

    /// <summary>Loads the map functions into an engine that does not hold them yet (couch_query_servers:start_doc_map).</summary>
    private async Task Load(IQueryServer server, CancellationToken cancel)
    {
        string tag = "mrview:" + design.Signature;
        if (server.Loaded == tag) return;
        await server.Reset(settings.QueryServerConfig(), cancel).ConfigureAwait(false);
        if (design.Lib.Length > 2) await server.AddLib(design.Lib, cancel).ConfigureAwait(false);
        foreach (var view in design.Views) await server.AddFun(view.MapSource, cancel).ConfigureAwait(false);
        server.Loaded = tag;
    }

    /// <summary>Tree shapes for writing: every reduce computed, JavaScript ones on <paramref name="session"/>.</summary>
    public static Storage.BTrees.BTreeSpec<ViewKey, ReadOnlyMemory<byte>, ViewReduction>[] WriteSpecs(
        DesignDocument design, QueryServerSession session, UpdateSettings settings, CancellationToken cancel)
    {
        var limit = settings.ReduceLimit();
        return [.. design.Views.Select(v => ViewTreeSpecs.View(v.RawCollation,
            new ViewTreeReducer(v.Reduces.Count == 0 ? null : new UserReducer(v.Reduces, session, only: -1, limit, cancel))))];
    }

    /// <summary>
    /// Drops the rows of documents purged since the index's purge seq (couch_mrview_updater:purge).
    /// Documents that kept other leaves were given new seqs by the purge, so they are mapped again.
    /// </summary>
    private static ViewIndexState ApplyPurges(ViewIndexState state, DbReader reader, IndexBatchWriter writer)
    {
        long purgeSeq = reader.Header.PurgeSeq;
        if (purgeSeq <= state.PurgeSeq) return state;
        var ids = new List<string>();
        foreach (var (seq, info) in reader.Trees.PurgeSeq.Enumerate(Storage.BTrees.KeyRange<long>.From(state.PurgeSeq + 1)))
        {
            // Purge infos older than the database keeps are gone: rows they removed can't be found, so rebuild.
            if (ids.Count == 0 && seq != state.PurgeSeq + 1) return Reset(state, purgeSeq);
            ids.Add(info.DocId);
        }
        return writer.Purge(state, ids, purgeSeq);
    }

    private static ViewIndexState Reset(ViewIndexState state, long purgeSeq) =>
        new(state.File, ViewIndexHeader.Empty(state.Header.Signature, state.ViewCount, purgeSeq));

    private static void Commit(ViewIndexState state) => state.File.File.Commit(state.Header.Encode());
}
