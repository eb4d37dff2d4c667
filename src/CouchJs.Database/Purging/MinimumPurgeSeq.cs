using System.Text.Json;
using CouchJs.Storage.BTrees;

namespace CouchJs.Database.Purging;

/// <summary>
/// The purge seq below which a compaction may drop purge infos (couch_db:get_minimum_purge_seq):
/// normally <c>purge_seq - purged_infos_limit</c>, lower when a checkpoint of a live client
/// (<c>_local/purge-*</c>, e.g. a view index) has not caught up. A checkpoint whose purge_seq is no
/// integer keeps everything from the oldest info on, until it is fixed or removed.
/// </summary>
internal static class MinimumPurgeSeq
{
    public static long Of(CouchDatabase db, DbReader reader, PurgeClients clients)
    {
        long purgeSeq = reader.Header.PurgeSeq;
        long floor = purgeSeq - reader.Header.PurgeInfosLimit;
        long min = floor;
        foreach (var doc in reader.LocalDocsStartingWith("_local/purge-"))
        {
            using var json = JsonDocument.Parse(doc.Body);
            var body = json.RootElement;
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("purge_seq", out var seq) && seq.TryGetInt64(out long clientSeq))
            {
                if (clientSeq < floor && clients.Exists(db, body)) min = Math.Min(min, clientSeq);
            }
            else min = Math.Min(min, Oldest(reader));
        }
        return min < floor ? Math.Max(0, min) : Math.Max(0, floor);
    }

    private static long Oldest(DbReader reader)
    {
        foreach (var (seq, _) in reader.Trees.PurgeSeq.Enumerate(KeyRange<long>.From(0))) return seq - 1;
        return reader.Header.PurgeSeq;
    }
}
