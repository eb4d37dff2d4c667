using System.Globalization;
using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.Http.Responses;

/// <summary><c>GET /{db}</c>'s body, read from one snapshot: counts and sizes from the by-id reduction.</summary>
public sealed record DatabaseInfo(
    string Name, long UpdateSeq, long PurgeSeq, long DocCount, long DelCount, long FileSize, long Active, long External,
    long CreatedMicros, bool CompactRunning)
{
    public const int DiskFormatVersion = 8;

    public static DatabaseInfo Read(CouchDatabase db)
    {
        using var reader = db.OpenReader();
        var counts = reader.Counts;
        var header = reader.Header;
        return new DatabaseInfo(db.Name, header.UpdateSeq, header.PurgeSeq, counts.DocCount, counts.DelCount,
            reader.File.Eof, counts.Active, counts.External, header.CreatedMicros, db.CompactRunning);
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("instance_start_time", CreatedMicros.ToString(CultureInfo.InvariantCulture));
        w.WriteString("db_name", Name);
        w.WriteString("purge_seq", Sequences.Format(PurgeSeq));
        w.WriteString("update_seq", Sequences.Format(UpdateSeq));
        w.WriteString("committed_update_seq", Sequences.Format(UpdateSeq));
        w.WriteStartObject("sizes");
        w.WriteNumber("file", FileSize);
        w.WriteNumber("external", External);
        w.WriteNumber("active", Active);
        w.WriteEndObject();
        w.WriteNumber("disk_size", FileSize);
        w.WriteStartObject("props");
        w.WriteEndObject();
        w.WriteNumber("doc_del_count", DelCount);
        w.WriteNumber("doc_count", DocCount);
        w.WriteNumber("disk_format_version", DiskFormatVersion);
        w.WriteBoolean("compact_running", CompactRunning);
        w.WriteStartObject("cluster");
        w.WriteNumber("q", 1);
        w.WriteNumber("n", 1);
        w.WriteNumber("w", 1);
        w.WriteNumber("r", 1);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
