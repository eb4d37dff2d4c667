using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.Http.Changes;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Endpoints;

// longpoll, continuous and eventsource (fabric_view_changes:keep_sending_changes): a pass over a fresh
// snapshot, then wait for a commit. A longpoll feed ends after a pass that sent rows, a continuous or
// eventsource feed when its limit is used up; without heartbeat any feed ends after `timeout` ms
// with no change, with it a heartbeat goes out instead. Every wake-up sends a heartbeat before the
// next pass, as CouchDB's does. A deleted database or a client that goes away ends the feed.
public static partial class ChangesEndpoints
{
    private static async Task Live(CouchRequest r, CouchDatabase db, ChangesQuery query)
    {
        var signal = CommitSignal.For(r.Services.Databases, db);
        long updateSeq = db.UpdateSeq;
        long since = query.Options.Descending ? updateSeq : query.ResolveSince(updateSeq);
        var response = r.Response;
        var writer = FeedWriter.For(query.Feed, response, r.Aborted);
        response.StatusCode = StatusCodes.Status200OK;
        writer.Headers();
        if (HttpMethods.IsHead(r.Method)) return;

        var scan = new ChangesScan(query.Options);
        bool started = false;
        while (!signal.Deleted)
        {
            long before = scan.Remaining;
            using (var reader = db.OpenReader())
            {
                updateSeq = reader.UpdateSeq;
                // As in the normal feed, the body starts after the first row is read (a failing filter is a plain error).
                using var rows = scan.Pass(reader, since).GetEnumerator();
                bool more = rows.MoveNext();
                if (!started) writer.Start();
                started = true;
                for (; more; more = rows.MoveNext())
                {
                    writer.Row(rows.Current);
                    await writer.FlushIfFull().ConfigureAwait(false);
                }
            }
            since = scan.LastSeq;
            if (query.Feed == FeedKind.LongPoll ? scan.Remaining < before : scan.Remaining <= 0) break;
            await writer.WaitingForUpdates().ConfigureAwait(false);
            var woke = await signal.WaitAsync(updateSeq, query.Timeout, r.Aborted).ConfigureAwait(false);
            if (woke == CommitWait.Deleted || (woke == CommitWait.TimedOut && !query.Heartbeat)) break;
            writer.Heartbeat();
        }
        if (!started) writer.Start();
        writer.Stop(since, scan.Pending);
        await writer.Flush().ConfigureAwait(false);
    }
}
