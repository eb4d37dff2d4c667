using System.Buffers;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Views.Design;

namespace CouchJs.Views.Engine;

/// <summary>
/// An index's purge checkpoint, the local document <c>_local/purge-mrview-{signature}</c>
/// (couch_mrview_index): how far the index has applied purges, so that compacting the database keeps
/// the purge infos the index has yet to apply instead of leaving it to rebuild from scratch.
/// </summary>
internal static class PurgeCheckpoint
{
    public const string Prefix = "_local/purge-mrview-";

    public static string DocId(string signature) => Prefix + signature;

    /// <summary>Writes the checkpoint when it is missing or records another purge seq; never throws.</summary>
    public static async Task Record(CouchDatabase db, DesignDocument design, long purgeSeq)
    {
        string id = DocId(design.Signature);
        try
        {
            long? rev;
            using (var reader = db.OpenReader())
            {
                var current = reader.GetLocal(id);
                if (current is not null && RecordedSeq(current.Body) == purgeSeq) return;
                rev = current?.Rev;
            }
            await db.UpdateLocal(id, rev is { } r ? "0-" + r : null, delete: false, Body(design, purgeSeq)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CouchException or ObjectDisposedException or InvalidOperationException or IOException or JsonException)
        {
            // Advisory (a conflict, a database closing): without it a compaction may drop infos the
            // index needs, and the index then rebuilds.
        }
    }

    private static long? RecordedSeq(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("purge_seq", out var seq)
            && seq.TryGetInt64(out long n) ? n : null;
    }

    // Members in couch_mrview_index:update_local_purge_doc's order.
    private static byte[] Body(DesignDocument design, long purgeSeq)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "mrview");
            w.WriteNumber("purge_seq", purgeSeq);
            w.WriteNumber("updated_on", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            w.WriteString("ddoc_id", design.Id);
            w.WriteString("signature", design.Signature);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
