namespace CouchJs.Database.Model;

/// <summary>
/// What a revision tree keeps for a revision whose body we have (CouchDB's #leaf): deleted flag,
/// the body chunk, the seq it was written at, its sizes and attachments.
/// </summary>
public sealed class RevBody
{
    public const long NoBody = -1;

    public bool Deleted { get; init; }

    /// <summary>Chunk holding the body's compact JSON; <see cref="NoBody"/> once compaction dropped a non-leaf body.</summary>
    public long BodyPointer { get; init; } = NoBody;

    /// <summary>Bytes of the body's JSON (CouchDB's external size).</summary>
    public int BodySize { get; init; }

    /// <summary>Bytes the body takes in the file (CouchDB's active size).</summary>
    public int DiskSize { get; init; }

    /// <summary>Seq of the change that wrote this revision (set when its batch is numbered).</summary>
    public long Seq { get; set; }

    public AttachmentInfo[] Attachments { get; init; } = [];

    public long ExternalSize
    {
        get
        {
            long size = BodySize;
            foreach (var att in Attachments) size += att.EncodedLength;
            return size;
        }
    }

    public long ActiveSize
    {
        get
        {
            long size = DiskSize;
            foreach (var att in Attachments) size += att.EncodedLength;
            return size;
        }
    }
}
